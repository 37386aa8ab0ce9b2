package dev.paddock.core.trace;

import dev.paddock.core.elf.ElfFile;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.trace.ChildFiles.Resolved;
import dev.paddock.core.trace.ChildFiles.SocketKind;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;

    private enum SocketCall { BIND, CONNECT, SEND }

    private final ChildFiles files;

    Decoder(ChildFiles files) {
        this.files = files;
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
            case OPEN -> open(tid, AT_FDCWD, str(tid, a[0]), (int) a[1]);
            case CREAT -> open(tid, AT_FDCWD, str(tid, a[0]), O_CREAT | 1 | O_TRUNC);
            case OPENAT -> open(tid, (int) a[0], str(tid, a[1]), (int) a[2]);
            case OPENAT2 -> {
                byte[] how = files.read(tid, a[2], 8);
                yield how == null ? null : open(tid, (int) a[0], str(tid, a[1]), (int) littleEndian(how, 0, 8));
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
            case CONNECT -> socket(tid, (int) a[0], a[1], (int) a[2], SocketCall.CONNECT);
            case BIND -> socket(tid, (int) a[0], a[1], (int) a[2], SocketCall.BIND);
            case SENDTO -> a[4] == 0 ? null : socket(tid, (int) a[0], a[4], (int) a[5], SocketCall.SEND);
            default -> null;
        };
    }

    private String str(int tid, long address) {
        return files.readString(tid, address);
    }

    private static Access unchecked(Operation operation, String path, String why) {
        return new Access(operation, path, null, -1, List.of(new Need.Unchecked(why)));
    }

    private static Access unresolved(Operation operation, String raw) {
        return unchecked(operation, raw, "Paddock could not resolve the path (the call fails, or the path is "
                + "hidden from Paddock)");
    }

    private Access open(int tid, int dirfd, String raw, int flags) {
        int mode = flags & O_ACCMODE;
        Operation operation = mode == 0 ? Operation.READ : mode == 1 ? Operation.WRITE : Operation.READ_WRITE;
        if (raw == null) {
            return null;
        }
        if ((flags & O_PATH) != 0) {
            Resolved r = files.resolve(tid, dirfd, raw, (flags & O_NOFOLLOW) == 0, false);
            return unchecked(Operation.OPEN_PATH, r == null ? raw : r.path(),
                    "an O_PATH open reads and writes nothing, and Landlock does not check it");
        }
        Set<FsAccess> rights = openRights(mode);
        if ((flags & O_TMPFILE_BIT) != 0) {
            Resolved dir = files.resolve(tid, dirfd, raw, true, false);
            if (dir == null || dir.type() != FileType.DIRECTORY) {
                return unresolved(Operation.CREATE, raw);
            }
            String unnamed = dir.path() + "/(unnamed temporary file)";
            return new Access(Operation.CREATE, unnamed, null, -1,
                    List.of(new Need.OnPath(unnamed, false, rights, Need.Role.NEW_OBJECT)));
        }
        boolean create = (flags & O_CREAT) != 0;
        boolean exclusive = create && (flags & O_EXCL) != 0;
        Resolved r = files.resolve(tid, dirfd, raw, (flags & O_NOFOLLOW) == 0 && !exclusive, false);
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

    private Access socket(int tid, int fd, long address, int length, SocketCall kind) {
        if (length < 2) {
            return null;
        }
        byte[] sockaddr = files.read(tid, address, Math.min(length, 110));
        if (sockaddr == null) {
            return null;
        }
        int family = (sockaddr[0] & 0xff) | (sockaddr[1] & 0xff) << 8;
        if (family == AF_UNIX) {
            return unix(tid, sockaddr, kind);
        }
        if (family != AF_INET && family != AF_INET6 || sockaddr.length < (family == AF_INET ? 8 : 24)) {
            return null;
        }
        int port = (sockaddr[2] & 0xff) << 8 | (sockaddr[3] & 0xff);
        String host = host(family == AF_INET ? slice(sockaddr, 4, 4) : slice(sockaddr, 8, 16));
        SocketKind socket = files.socketKind(tid, fd);
        if (socket.type() == SOCK_STREAM && socket.protocol() == IPPROTO_TCP) {
            return switch (kind) {
                case BIND -> new Access(Operation.BIND_TCP, host, null, port,
                        List.of(new Need.OnPort(NetAccess.BIND_TCP, port)));
                case CONNECT -> new Access(Operation.CONNECT_TCP, host, null, port,
                        List.of(new Need.OnPort(NetAccess.CONNECT_TCP, port)));
                case SEND -> null; // a connected socket ignores the address; Fast Open is refused by the filter
            };
        }
        if (socket.type() == SOCK_DGRAM && (socket.protocol() == IPPROTO_UDP || socket.protocol() == 0)) {
            return new Access(Operation.UDP, host, null, port, List.of(new Need.Unchecked("Landlock's network rules "
                    + "cover TCP only: UDP is not restricted (Paddock's --harden udp refuses UDP sockets)")));
        }
        return new Access(Operation.OTHER_SOCKET, host, null, port, List.of(new Need.Unchecked(socket.type() < 0
                ? "Paddock could not tell what kind of socket this is" : "not a TCP socket (protocol "
                + socket.protocol() + "): Landlock's TCP rules do not cover it")));
    }

    private Access unix(int tid, byte[] sockaddr, SocketCall kind) {
        if (sockaddr.length <= 2) {
            return null; // unnamed, or autobind
        }
        if (sockaddr[2] == 0) {
            String name = "@" + new String(sockaddr, 3, sockaddr.length - 3, StandardCharsets.UTF_8)
                    .replace('\0', '@');
            if (kind == SocketCall.BIND) {
                return null;
            }
            return new Access(Operation.CONNECT_ABSTRACT, name, null, -1, List.of(new Need.Scoped(
                    Scope.ABSTRACT_UNIX_SOCKET, "allowed only if the socket was created inside this sandbox, which "
                    + "the trace cannot see")));
        }
        int end = 2;
        while (end < sockaddr.length && sockaddr[end] != 0) {
            end++;
        }
        String raw = new String(sockaddr, 2, end - 2, StandardCharsets.UTF_8);
        if (kind == SocketCall.BIND) {
            Resolved r = files.resolve(tid, AT_FDCWD, raw, false, false);
            if (r == null) {
                return unresolved(Operation.BIND_UNIX, raw);
            }
            if (r.type().exists() || !r.parentExists()) {
                return unchecked(Operation.BIND_UNIX, r.path(), r.type().exists()
                        ? "it exists: the call fails with EADDRINUSE" : "its directory does not exist: ENOENT");
            }
            return new Access(Operation.BIND_UNIX, r.path(), null, -1, List.of(new Need.OnPath(
                    AccessModel.parent(r.path()), true, Set.of(FsAccess.MAKE_SOCK), Need.Role.PARENT)));
        }
        Resolved r = files.resolve(tid, AT_FDCWD, raw, true, false);
        if (r == null) {
            return unresolved(Operation.CONNECT_UNIX, raw);
        }
        if (!r.type().exists()) {
            return unchecked(Operation.CONNECT_UNIX, r.path(), "it does not exist: the call fails with ENOENT");
        }
        return new Access(Operation.CONNECT_UNIX, r.path(), null, -1, List.of(new Need.OnPath(r.path(), false,
                Set.of(FsAccess.RESOLVE_UNIX), Need.Role.OBJECT)));
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }

    private static String host(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }

    private static long littleEndian(byte[] bytes, int from, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = value << 8 | (bytes[from + i] & 0xff);
        }
        return value;
    }
}
