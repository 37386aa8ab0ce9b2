package dev.paddock.core.trace;

import com.sun.jna.Memory;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.sys.FileConstants;
import dev.paddock.core.sys.CStrings;
import dev.paddock.core.sys.LibC;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a traced process's call arguments and resolves its paths as the kernel will: memory through
 * process_vm_readv, relative paths from /proc/TID/cwd or /proc/TID/fd/N, and the final component followed or not
 * as the call does, with the JVM's own O_PATH opens (which Landlock does not confine: the JVM is not sandboxed),
 * /proc's self and thread-self meaning the task, not the JVM ({@link TaskPaths}).
 * One instance per supervisor thread; not thread-safe.
 */
final class ChildFiles {
    static final int AT_FDCWD = -100;
    private static final int PAGE = 4096;
    private static final int PATH_MAX = 4096;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int ENOENT = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_PROTOCOL = 38;
    private static final int PIDFD_THREAD = 0x80;

    /**
     * A path as the call will find it, and what is there now.
     *
     * @param parentExists false when even the directory it would be in is missing (ENOENT for any call)
     */
    record Resolved(String path, FileType type, boolean parentExists) {
        Resolved(String path, FileType type) {
            this(path, type, true);
        }

        /** Whether a call that creates it gets as far as Landlock (its directory is there). */
        boolean creatable() {
            return !type.exists() && parentExists;
        }
    }

    /** A socket's type and protocol (SOCK_STREAM, IPPROTO_TCP...), or -1 each when unknown. */
    record SocketKind(int type, int protocol) {
    }

    private final Architecture architecture;
    private final TaskPaths paths;
    private final Memory buffer = new Memory(PATH_MAX);
    private final Memory localIov = new Memory(16);
    private final Memory remoteIov = new Memory(16);
    private final byte[] link = new byte[PATH_MAX];
    private final byte[] bytes = new byte[PATH_MAX];
    private final byte[] statx = new byte[FileConstants.SIZEOF_STATX];
    private final byte[] cPath = new byte[PATH_MAX + 1];
    private final int[] option = new int[1];
    private final int[] optionLength = new int[1];
    /**
     * Directories already resolved (the path as written, to where it leads), so that a file in one is found with a
     * single statx. Cleared whenever a traced call may change what a directory path leads to (rename, unlink,
     * rmdir, symlink).
     */
    private final Map<String, String> directories = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 4096;
        }
    };

    ChildFiles(Architecture architecture) {
        this.architecture = architecture;
        this.paths = new TaskPaths(architecture);
    }

    /** The NUL-terminated string at {@code address} in the task's memory, or null (unreadable, or too long). */
    String readString(int tid, long address) {
        if (address == 0) {
            return null;
        }
        int total = 0;
        int want = 256; // most paths are short: read a little first, then the rest of the page, page by page
        while (total < PATH_MAX) {
            long at = address + total;
            int chunk = (int) Math.min(Math.min(want, PATH_MAX - total), PAGE - (at & (PAGE - 1)));
            long read = readInto(tid, at, total, chunk);
            if (read <= 0) {
                return null;
            }
            buffer.read(total, bytes, total, (int) read);
            for (int i = total; i < total + read; i++) {
                if (bytes[i] == 0) {
                    return new String(bytes, 0, i, StandardCharsets.UTF_8);
                }
            }
            total += (int) read;
            want = PAGE;
        }
        return null;
    }

    /** {@code length} bytes at {@code address} (at most a page), or null. */
    byte[] read(int tid, long address, int length) {
        if (address == 0 || length <= 0 || length > PAGE) {
            return null;
        }
        long read = readInto(tid, address, 0, length);
        return read == length ? buffer.getByteArray(0, length) : null;
    }

    private long readInto(int tid, long address, int offset, int length) {
        localIov.setPointer(0, buffer.share(offset));
        localIov.setLong(8, length);
        remoteIov.setLong(0, address);
        remoteIov.setLong(8, length);
        return LibC.process_vm_readv(tid, localIov, 1, remoteIov, 1, 0);
    }

    /** The program the task runs now, or null. */
    String executable(int tid) {
        return readlink("/proc/" + tid + "/exe");
    }

    /**
     * Resolves {@code raw} as the task's call will.
     *
     * @param dirfd     the call's directory fd, or {@link #AT_FDCWD}
     * @param follow    whether the call follows a symbolic link in the final component
     * @param emptyPath whether an empty path means the fd itself (AT_EMPTY_PATH)
     * @return the path, or null when it cannot be resolved (the call will fail for another reason)
     */
    Resolved resolve(int tid, int dirfd, String raw, boolean follow, boolean emptyPath) {
        if (raw == null) {
            return null;
        }
        String base = dirfd == AT_FDCWD ? "/proc/" + tid + "/cwd" : "/proc/" + tid + "/fd/" + dirfd;
        if (raw.isEmpty()) {
            return emptyPath ? paths.walk(tid, base, true) : null;
        }
        if (raw.startsWith("/")) {
            return absolute(tid, raw, follow);
        }
        if (isName(raw)) {
            Resolved fast = inDirectory(readlink(base), raw, follow);
            if (fast != null) {
                return fast;
            }
        }
        return paths.walk(tid, base + "/" + raw, follow);
    }

    /**
     * Where the task's relative paths from {@code dirfd} start, as a real path that stays meaningful after the call
     * went on (the fd may be closed by then); null when there is none (a deleted or unreachable directory, /proc).
     */
    String anchor(int tid, int dirfd) {
        String real = readlink(dirfd == AT_FDCWD ? "/proc/" + tid + "/cwd" : "/proc/" + tid + "/fd/" + dirfd);
        return usable(real) ? real : null;
    }

    /**
     * Resolves {@code raw} as {@link #resolve} does, from an {@link #anchor} read while the task waited, without
     * waiting: for a call whose resolution the call itself does not change. {@code raw} is an absolute path
     * outside /proc, or relative to {@code anchor}; a link into /proc's self still means the task {@code tid}.
     */
    Resolved resolveFrom(int tid, String anchor, String raw, boolean follow) {
        if (raw.startsWith("/")) {
            return absolute(tid, raw, follow);
        }
        if (isName(raw)) {
            Resolved fast = inDirectory(anchor, raw, follow);
            if (fast != null) {
                return fast;
            }
        }
        return absolute(tid, join(anchor, raw), follow);
    }

    /**
     * Whether an open of {@code lexical} (absolute, written out from its anchor) may be resolved after the call went
     * on, without the task: its directory is a known one reached through no process's entry in /proc, and its last
     * name is no link (a link may lead to /proc/self, which means the task only while it lives).
     */
    boolean resolvableLater(int tid, String lexical) {
        String[] split = split(lexical);
        if (split == null) {
            return false;
        }
        String directory = cachedDirectory(tid, split[0]);
        if (directory == null || !directories.containsKey(split[0])) {
            return false;
        }
        Resolved r = inDirectory(directory, split[1], false);
        return r != null && r.type() != FileType.SYMLINK;
    }

    private Resolved absolute(int tid, String full, boolean follow) {
        if (!full.startsWith("/proc/")) {
            String[] split = split(full);
            Resolved fast = split == null ? null : inDirectory(cachedDirectory(tid, split[0]), split[1], follow);
            if (fast != null) {
                return fast;
            }
        }
        return paths.walk(tid, full, follow);
    }

    /** A plain name: one component, neither "." nor "..". */
    static boolean isName(String raw) {
        return raw.indexOf('/') < 0 && !raw.equals(".") && !raw.equals("..") && !raw.isEmpty();
    }

    private static boolean usable(String directory) {
        return directory != null && directory.startsWith("/") && !directory.endsWith(" (deleted)")
                && !directory.equals("/proc") && !directory.startsWith("/proc/");
    }

    /** Forgets the resolved directories: a traced call is about to move, remove or make a name. */
    void forgetDirectories() {
        directories.clear();
    }

    private String cachedDirectory(int tid, String written) {
        String real = directories.get(written);
        if (real == null) {
            Resolved r = paths.walk(tid, written, true);
            if (r == null || r.type() != FileType.DIRECTORY) {
                return null;
            }
            real = r.path();
            if (!paths.personal()) { // one that leads through /proc/self is the task's own
                directories.put(written, real);
            }
        }
        return real;
    }

    /**
     * The common case in one statx: a plain name in a directory whose real path is known. Null (take the long way)
     * when the directory is unknown or gone, or the name is a link the call follows.
     */
    private Resolved inDirectory(String directory, String name, boolean follow) {
        if (!usable(directory)) {
            return null;
        }
        String path = join(directory, name);
        if (LibC.statx(AT_FDCWD, c(path), AT_SYMLINK_NOFOLLOW, FileConstants.STATX_TYPE, statx) != 0) {
            return LibC.errno() == ENOENT ? new Resolved(path, FileType.MISSING) : null;
        }
        FileType type = FileType.ofMode(ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder())
                .getShort(FileConstants.STATX_MODE_OFFSET) & 0xffff);
        return type == FileType.SYMLINK && follow ? null : new Resolved(path, type);
    }

    /** The path of one of the task's fds, as /proc/TID/fd/N leads. */
    Resolved ofFd(int tid, int fd) {
        return paths.walk(tid, "/proc/" + tid + "/fd/" + fd, true);
    }

    /** What kind of socket the task's fd is, by a copy of it (pidfd_getfd); unknown if that is refused. */
    SocketKind socketKind(int tid, int fd) {
        int pidfd = (int) LibC.syscall(Syscall.PIDFD_OPEN.number(architecture), tid, PIDFD_THREAD, 0, 0);
        if (pidfd < 0) {
            pidfd = (int) LibC.syscall(Syscall.PIDFD_OPEN.number(architecture), tid, 0, 0, 0);
        }
        if (pidfd < 0) {
            return new SocketKind(-1, -1);
        }
        try {
            int copy = (int) LibC.syscall(Syscall.PIDFD_GETFD.number(architecture), pidfd, fd, 0, 0);
            if (copy < 0) {
                return new SocketKind(-1, -1);
            }
            try {
                return new SocketKind(intOption(copy, SO_TYPE), intOption(copy, SO_PROTOCOL));
            } finally {
                LibC.close(copy);
            }
        } finally {
            LibC.close(pidfd);
        }
    }

    private int intOption(int fd, int name) {
        optionLength[0] = 4;
        return LibC.getsockopt(fd, SOL_SOCKET, name, option, optionLength) == 0 ? option[0] : -1;
    }

    /** Parent part and final name; null when the final name is ".", ".." or the root. */
    private static String[] split(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        String name = trimmed.substring(slash + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return null;
        }
        return new String[] {slash == 0 ? "/" : trimmed.substring(0, slash), name};
    }

    private static String join(String directory, String name) {
        return directory.equals("/") ? "/" + name : directory + "/" + name;
    }

    private String readlink(String path) {
        long length = LibC.readlink(c(path), link, link.length);
        return length < 0 ? null : new String(link, 0, (int) length, StandardCharsets.UTF_8);
    }

    /** The path as the native calls take it, in the one reused buffer (each call encodes its own). */
    private byte[] c(String path) {
        return CStrings.encode(path, cPath);
    }

    void close() {
        paths.close();
        buffer.close();
        localIov.close();
        remoteIov.close();
    }
}
