package dev.paddock.core.trace;

import dev.paddock.core.elf.ElfFile;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.trace.ChildFiles.Resolved;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.paddock.core.trace.ChildFiles.AT_FDCWD;

/**
 * Turns one notified system call (its number and six raw arguments) into an {@link Access}: what the call will
 * try, on which resolved path or port, and what Landlock will check for it. Runs while the calling task waits, so
 * what it sees is what the kernel will see (unless another process changes the files meanwhile).
 */
final class Decoder {
    private static final int O_ACCMODE = 3;
    private static final int O_CREAT = 0x40;
    private static final int O_EXCL = 0x80;
    private static final int O_TRUNC = 0x200;
    private static final int O_DIRECTORY = 0x10000;
    private static final int O_NOFOLLOW = 0x20000;
    private static final int O_PATH = 0x200000;
    private static final int O_TMPFILE_BIT = 0x400000;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_SYMLINK_FOLLOW = 0x400;
    private static final int AT_REMOVEDIR = 0x200;
    private static final int RENAME_NOREPLACE = 1;
    private static final int RENAME_EXCHANGE = 2;


    /** How a path is resolved: by the waiting task's cwd or fd, or from an anchor read while it waited. */
    private interface Resolver {
        Resolved resolve(String raw, boolean follow);
    }

    /**
     * An open read while its caller waited (the path, and where a relative one starts), to be decoded after the
     * call went on: an open that creates nothing leaves what its path leads to as it was.
     *
     * @param lexical the path written out from the anchor, before any link is followed (for a first look at
     *                whether the rules may deny it)
     * @param rights  every right the open may need, whatever the path turns out to be
     */
    record Deferred(int tid, String anchor, String raw, int flags, String lexical, long rights) {
    }

    private final ChildFiles files;
    private final SocketDecoder sockets;

    Decoder(ChildFiles files) {
        this.files = files;
        this.sockets = new SocketDecoder(files);
    }

    /** The access, or null for a call that reaches nothing Landlock or the user cares about. */
    Access decode(int tid, Syscall call, long[] a) {
        Access access = decodeCall(tid, call, a);
        switch (call) {
            case UNLINK, UNLINKAT, RMDIR, RENAME, RENAMEAT, RENAMEAT2, SYMLINK, SYMLINKAT -> files.forgetDirectories();
            default -> {
            }
        }
        return access;
    }

    private Access decodeCall(int tid, Syscall call, long[] a) {
        return switch (call) {
            case OPEN -> open(at(tid, AT_FDCWD), str(tid, a[0]), (int) a[1]);
            case CREAT -> open(at(tid, AT_FDCWD), str(tid, a[0]), O_CREAT | 1 | O_TRUNC);
            case OPENAT -> open(at(tid, (int) a[0]), str(tid, a[1]), (int) a[2]);
            case OPENAT2 -> {
                byte[] how = files.read(tid, a[2], 8);
                yield how == null ? null : open(at(tid, (int) a[0]), str(tid, a[1]), (int) littleEndian(how, 0, 8));
            }
            case EXECVE -> exec(tid, AT_FDCWD, str(tid, a[0]), 0);
            case EXECVEAT -> exec(tid, (int) a[0], str(tid, a[1]), (int) a[4]);
            case MKDIR -> make(tid, AT_FDCWD, str(tid, a[0]), FileType.DIRECTORY);
            case MKDIRAT -> make(tid, (int) a[0], str(tid, a[1]), FileType.DIRECTORY);
            case MKNOD -> make(tid, AT_FDCWD, str(tid, a[0]), FileType.ofMode((int) a[1]));
            case MKNODAT -> make(tid, (int) a[0], str(tid, a[1]), FileType.ofMode((int) a[2]));
            case UNLINK -> remove(tid, AT_FDCWD, str(tid, a[0]), false);
            case RMDIR -> remove(tid, AT_FDCWD, str(tid, a[0]), true);
            case UNLINKAT -> remove(tid, (int) a[0], str(tid, a[1]), (a[2] & AT_REMOVEDIR) != 0);
            case RENAME -> move(tid, AT_FDCWD, str(tid, a[0]), AT_FDCWD, str(tid, a[1]), 0);
            case RENAMEAT -> move(tid, (int) a[0], str(tid, a[1]), (int) a[2], str(tid, a[3]), 0);
            case RENAMEAT2 -> move(tid, (int) a[0], str(tid, a[1]), (int) a[2], str(tid, a[3]), (int) a[4]);
            case LINK -> link(tid, AT_FDCWD, str(tid, a[0]), AT_FDCWD, str(tid, a[1]), 0);
            case LINKAT -> link(tid, (int) a[0], str(tid, a[1]), (int) a[2], str(tid, a[3]), (int) a[4]);
            case SYMLINK -> symlink(tid, str(tid, a[0]), AT_FDCWD, str(tid, a[1]));
            case SYMLINKAT -> symlink(tid, str(tid, a[0]), (int) a[1], str(tid, a[2]));
            case TRUNCATE -> truncate(str(tid, a[0]), files.resolve(tid, AT_FDCWD, str(tid, a[0]), true, false));
            case FTRUNCATE -> truncate("fd " + (int) a[0], files.ofFd(tid, (int) a[0]));
            case CONNECT -> sockets.decode(tid, (int) a[0], a[1], (int) a[2], SocketDecoder.Call.CONNECT);
            case BIND -> sockets.decode(tid, (int) a[0], a[1], (int) a[2], SocketDecoder.Call.BIND);
            case SENDTO -> a[4] == 0 ? null
                    : sockets.decode(tid, (int) a[0], a[4], (int) a[5], SocketDecoder.Call.SEND);
            default -> null;
        };
    }

    /**
     * Reads what an open that creates nothing needs from its caller, so that the rest can wait until the call went
     * on; null for every other call (and for a path that must be resolved while the caller waits: one in /proc, a
     * link, which may lead to the caller's /proc/self, or relative to a directory that has no usable path).
     */
    Deferred prepare(int tid, Syscall call, long[] a) {
        int dirfd;
        long address;
        int flags;
        switch (call) {
            case OPEN -> {
                dirfd = AT_FDCWD;
                address = a[0];
                flags = (int) a[1];
            }
            case OPENAT -> {
                dirfd = (int) a[0];
                address = a[1];
                flags = (int) a[2];
            }
            case OPENAT2 -> {
                byte[] how = files.read(tid, a[2], 8);
                if (how == null) {
                    return null;
                }
                dirfd = (int) a[0];
                address = a[1];
                flags = (int) littleEndian(how, 0, 8);
            }
            default -> {
                return null;
            }
        }
        if ((flags & (O_CREAT | O_TMPFILE_BIT | O_PATH)) != 0) {
            return null;
        }
        String raw = str(tid, address);
        if (raw == null || raw.isEmpty() || raw.startsWith("/proc/") || raw.equals("/proc") || raw.contains("..")) {
            return null; // /proc means the caller's own entries, and ".." may lead there: resolved while it waits
        }
        String anchor = null;
        if (!raw.startsWith("/")) {
            anchor = files.anchor(tid, dirfd);
            if (anchor == null) {
                return null;
            }
        }
        String lexical = anchor == null ? raw : anchor.equals("/") ? "/" + raw : anchor + "/" + raw;
        if (!files.resolvableLater(tid, lexical)) {
            return null; // a link, or a directory reached through one of the caller's own /proc entries
        }
        Set<FsAccess> rights = EnumSet.of(FsAccess.READ_DIR);
        rights.addAll(openRights(flags & O_ACCMODE));
        if ((flags & O_TRUNC) != 0) {
            rights.add(FsAccess.TRUNCATE);
        }
        return new Deferred(tid, anchor, raw, flags, lexical, AccessRight.maskOf(rights));
    }

    /** The access of an open {@link #prepare}d while its caller waited. */
    Access finish(Deferred deferred) {
        String anchor = deferred.anchor();
        return open((raw, follow) -> files.resolveFrom(deferred.tid(), anchor, raw, follow), deferred.raw(),
                deferred.flags());
    }

    private String str(int tid, long address) {
        return files.readString(tid, address);
    }

    static Access unchecked(Operation operation, String path, String why) {
        return new Access(operation, path, null, -1, List.of(new Need.Unchecked(why)));
    }

    static Access unresolved(Operation operation, String raw) {
        return unchecked(operation, raw, "Paddock could not resolve the path (the call fails, or the path is "
                + "hidden from Paddock)");
    }

    private Resolver at(int tid, int dirfd) {
        return (raw, follow) -> files.resolve(tid, dirfd, raw, follow, false);
    }

    private Access open(Resolver at, String raw, int flags) {
        int mode = flags & O_ACCMODE;
        Operation operation = mode == 0 ? Operation.READ : mode == 1 ? Operation.WRITE : Operation.READ_WRITE;
        if (raw == null) {
            return null;
        }
        if ((flags & O_PATH) != 0) {
            Resolved r = at.resolve(raw, (flags & O_NOFOLLOW) == 0);
            return unchecked(Operation.OPEN_PATH, r == null ? raw : r.path(),
                    "an O_PATH open reads and writes nothing, and Landlock does not check it");
        }
        Set<FsAccess> rights = openRights(mode);
        if ((flags & O_TMPFILE_BIT) != 0) {
            Resolved dir = at.resolve(raw, true);
            if (dir == null || dir.type() != FileType.DIRECTORY) {
                return unresolved(Operation.CREATE, raw);
            }
            String unnamed = dir.path() + "/(unnamed temporary file)";
            return new Access(Operation.CREATE, unnamed, null, -1,
                    List.of(new Need.OnPath(unnamed, false, rights, Need.Role.NEW_OBJECT)));
        }
        boolean create = (flags & O_CREAT) != 0;
        boolean exclusive = create && (flags & O_EXCL) != 0;
        Resolved r = at.resolve(raw, (flags & O_NOFOLLOW) == 0 && !exclusive);
        if (r == null) {
            return unresolved(operation, raw);
        }
        if (r.type() == FileType.PRIVATE) {
            return unchecked(operation, r.path(), "not a file in a filesystem (a pipe, socket or anonymous file): "
                    + "Landlock does not restrict it");
        }
        if (!r.type().exists()) {
            if (!create || !r.parentExists()) {
                return unchecked(create ? Operation.CREATE : operation, r.path(), "it does not exist: the call "
                        + "fails with ENOENT whatever the rules");
            }
            List<Need> needs = new ArrayList<>();
            needs.add(new Need.OnPath(AccessModel.parent(r.path()), true, Set.of(FsAccess.MAKE_REG),
                    Need.Role.PARENT));
            if (!rights.isEmpty()) {
                needs.add(new Need.OnPath(r.path(), false, rights, Need.Role.NEW_OBJECT));
            }
            return new Access(Operation.CREATE, r.path(), null, -1, needs);
        }
        if (exclusive) {
            return unchecked(Operation.CREATE, r.path(), "it exists: the call fails with EEXIST whatever the rules");
        }
        if (r.type() == FileType.SYMLINK) {
            return unchecked(operation, r.path(), "a symbolic link opened with O_NOFOLLOW: the call fails with ELOOP");
        }
        if (r.type() == FileType.DIRECTORY) {
            if (mode != 0) {
                return unchecked(operation, r.path(), "a directory opened for writing: the call fails with EISDIR");
            }
            return new Access(Operation.LIST, r.path(), null, -1,
                    List.of(new Need.OnPath(r.path(), true, Set.of(FsAccess.READ_DIR), Need.Role.OBJECT)));
        }
        if ((flags & O_DIRECTORY) != 0) {
            return unchecked(operation, r.path(), "not a directory: the call fails with ENOTDIR");
        }
        EnumSet<FsAccess> needed = rights.isEmpty() ? EnumSet.noneOf(FsAccess.class) : EnumSet.copyOf(rights);
        if ((flags & O_TRUNC) != 0 && r.type() == FileType.REGULAR) {
            needed.add(FsAccess.TRUNCATE);
            if (mode == 0) {
                operation = Operation.TRUNCATE;
            }
        }
        if (needed.isEmpty()) {
            return unchecked(operation, r.path(), "opened neither for reading nor for writing");
        }
        return new Access(operation, r.path(), null, -1,
                List.of(new Need.OnPath(r.path(), false, needed, Need.Role.OBJECT)));
    }

    private static Set<FsAccess> openRights(int mode) {
        return switch (mode) {
            case 0 -> Set.of(FsAccess.READ_FILE);
            case 1 -> Set.of(FsAccess.WRITE_FILE);
            case 2 -> Set.of(FsAccess.READ_FILE, FsAccess.WRITE_FILE);
            default -> Set.of();
        };
    }

    private Access exec(int tid, int dirfd, String raw, int flags) {
        if (raw == null) {
            return null;
        }
        Resolved r = files.resolve(tid, dirfd, raw, (flags & AT_SYMLINK_NOFOLLOW) == 0, (flags & AT_EMPTY_PATH) != 0);
        if (r == null) {
            return unresolved(Operation.EXECUTE, raw);
        }
        if (r.type() == FileType.PRIVATE) {
            return unchecked(Operation.EXECUTE, r.path(), "a program that is on no disk (a memfd): Landlock does not "
                    + "restrict executing it");
        }
        if (!r.type().exists()) {
            return unchecked(Operation.EXECUTE, r.path(), "it does not exist: the call fails with ENOENT");
        }
        if (r.type() != FileType.REGULAR) {
            return unchecked(Operation.EXECUTE, r.path(), "not a regular file: the call fails with EACCES whatever "
                    + "the rules");
        }
        List<Need> needs = new ArrayList<>();
        needs.add(new Need.OnPath(r.path(), false, Set.of(FsAccess.EXECUTE, FsAccess.READ_FILE), Need.Role.OBJECT));
        String program = r.path();
        for (int depth = 0; depth < 2; depth++) {
            String interpreter = interpreter(program);
            if (interpreter == null) {
                break;
            }
            Resolved i = files.resolve(tid, AT_FDCWD, interpreter, true, false);
            if (i == null || i.type() != FileType.REGULAR) {
                break;
            }
            needs.add(new Need.OnPath(i.path(), false, Set.of(FsAccess.EXECUTE, FsAccess.READ_FILE),
                    Need.Role.INTERPRETER));
            program = i.path();
        }
        return new Access(Operation.EXECUTE, r.path(), null, -1, needs);
    }

    /** The interpreter the kernel opens for the program: the #! line's, or the ELF PT_INTERP; null if none. */
    static String interpreter(String program) {
        Path path = Path.of(program);
        byte[] head = new byte[256];
        int length;
        try (InputStream in = Files.newInputStream(path)) {
            length = in.readNBytes(head, 0, head.length);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (length > 2 && head[0] == '#' && head[1] == '!') {
            String line = new String(head, 2, length - 2, StandardCharsets.UTF_8).split("\n", 2)[0].strip();
            String word = line.split("[ \t]", 2)[0];
            return word.isEmpty() ? null : word;
        }
        try {
            return ElfFile.isElf(path) ? ElfFile.read(path).interpreter() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Access make(int tid, int dirfd, String raw, FileType type) {
        Operation operation = switch (type) {
            case DIRECTORY -> Operation.MAKE_DIR;
            case REGULAR -> Operation.CREATE;
            default -> Operation.MAKE_NODE;
        };
        if (raw == null) {
            return null;
        }
        Resolved r = files.resolve(tid, dirfd, raw, false, false);
        if (r == null) {
            return unresolved(operation, raw);
        }
        if (r.type().exists()) {
            return unchecked(operation, r.path(), "it exists: the call fails with EEXIST whatever the rules");
        }
        if (!r.parentExists()) {
            return unchecked(operation, r.path(), "its directory does not exist: the call fails with ENOENT");
        }
        return new Access(operation, r.path(), null, -1, List.of(new Need.OnPath(AccessModel.parent(r.path()), true,
                Set.of(type.makeRight()), Need.Role.PARENT)));
    }

    private Access remove(int tid, int dirfd, String raw, boolean directory) {
        Operation operation = directory ? Operation.REMOVE_DIR : Operation.REMOVE_FILE;
        if (raw == null) {
            return null;
        }
        Resolved r = files.resolve(tid, dirfd, raw, false, false);
        if (r == null) {
            return unresolved(operation, raw);
        }
        if (!r.type().exists()) {
            return unchecked(operation, r.path(), "it does not exist: the call fails with ENOENT whatever the rules");
        }
        FsAccess right = directory ? FsAccess.REMOVE_DIR : FsAccess.REMOVE_FILE;
        return new Access(operation, r.path(), null, -1, List.of(new Need.OnPath(AccessModel.parent(r.path()), true,
                Set.of(right), Need.Role.PARENT)));
    }

    private Access move(int tid, int oldDir, String oldRaw, int newDir, String newRaw, int flags) {
        boolean exchange = (flags & RENAME_EXCHANGE) != 0;
        Operation operation = exchange ? Operation.EXCHANGE : Operation.RENAME;
        if (oldRaw == null || newRaw == null) {
            return null;
        }
        Resolved from = files.resolve(tid, oldDir, oldRaw, false, false);
        Resolved to = files.resolve(tid, newDir, newRaw, false, false);
        if (from == null || to == null) {
            return unresolved(operation, oldRaw + " to " + newRaw);
        }
        if (!from.type().exists() || exchange && !to.type().exists()) {
            return new Access(operation, from.path(), to.path(), -1, List.of(new Need.Unchecked(
                    "it does not exist: the call fails with ENOENT whatever the rules")));
        }
        if (!to.type().exists() && !to.parentExists()) {
            return new Access(operation, from.path(), to.path(), -1, List.of(new Need.Unchecked(
                    "the new name's directory does not exist: the call fails with ENOENT whatever the rules")));
        }
        if ((flags & RENAME_NOREPLACE) != 0 && to.type().exists()) {
            return new Access(operation, from.path(), to.path(), -1, List.of(new Need.Unchecked(
                    "the new name exists: the call fails with EEXIST whatever the rules")));
        }
        return new Access(operation, from.path(), to.path(), -1, List.of(new Need.Refer(from.path(), from.type(),
                to.path(), to.type(), true, exchange)));
    }

    private Access link(int tid, int oldDir, String oldRaw, int newDir, String newRaw, int flags) {
        if (oldRaw == null || newRaw == null) {
            return null;
        }
        Resolved from = files.resolve(tid, oldDir, oldRaw, (flags & AT_SYMLINK_FOLLOW) != 0,
                (flags & AT_EMPTY_PATH) != 0);
        Resolved to = files.resolve(tid, newDir, newRaw, false, false);
        if (from == null || to == null) {
            return unresolved(Operation.LINK, oldRaw + " to " + newRaw);
        }
        if (!from.type().exists()) {
            return new Access(Operation.LINK, from.path(), to.path(), -1, List.of(new Need.Unchecked(
                    "it does not exist: the call fails with ENOENT whatever the rules")));
        }
        if (to.type().exists() || !to.parentExists()) {
            return new Access(Operation.LINK, from.path(), to.path(), -1, List.of(new Need.Unchecked(
                    to.type().exists() ? "the new name exists: the call fails with EEXIST whatever the rules"
                            : "the new name's directory does not exist: the call fails with ENOENT")));
        }
        return new Access(Operation.LINK, from.path(), to.path(), -1, List.of(new Need.Refer(from.path(),
                from.type(), to.path(), to.type(), false, false)));
    }

    private Access symlink(int tid, String target, int newDir, String newRaw) {
        if (target == null || newRaw == null) {
            return null;
        }
        Resolved r = files.resolve(tid, newDir, newRaw, false, false);
        if (r == null) {
            return unresolved(Operation.MAKE_SYMLINK, newRaw);
        }
        if (r.type().exists() || !r.parentExists()) {
            return new Access(Operation.MAKE_SYMLINK, r.path(), target, -1, List.of(new Need.Unchecked(
                    r.type().exists() ? "it exists: the call fails with EEXIST whatever the rules"
                            : "its directory does not exist: the call fails with ENOENT")));
        }
        return new Access(Operation.MAKE_SYMLINK, r.path(), target, -1, List.of(new Need.OnPath(
                AccessModel.parent(r.path()), true, Set.of(FsAccess.MAKE_SYM), Need.Role.PARENT)));
    }

    private Access truncate(String raw, Resolved r) {
        if (raw == null) {
            return null;
        }
        if (r == null) {
            return unresolved(Operation.TRUNCATE, raw);
        }
        if (r.type() == FileType.PRIVATE) {
            return unchecked(Operation.TRUNCATE, r.path(), "not a file in a filesystem: Landlock does not restrict it");
        }
        if (!r.type().exists()) {
            return unchecked(Operation.TRUNCATE, r.path(), "it does not exist: the call fails with ENOENT");
        }
        if (r.type() != FileType.REGULAR) {
            return unchecked(Operation.TRUNCATE, r.path(), "not a regular file: the call fails whatever the rules");
        }
        return new Access(Operation.TRUNCATE, r.path(), null, -1, List.of(new Need.OnPath(r.path(), false,
                Set.of(FsAccess.TRUNCATE), Need.Role.OBJECT)));
    }

    private static long littleEndian(byte[] bytes, int from, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = value << 8 | (bytes[from + i] & 0xff);
        }
        return value;
    }
}
