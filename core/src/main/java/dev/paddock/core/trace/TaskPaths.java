package dev.paddock.core.trace;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.sys.CStrings;
import dev.paddock.core.sys.FileConstants;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.trace.ChildFiles.Resolved;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Walks a path one name at a time as a traced task's call would, with the JVM's own O_PATH opens. The kernel would
 * resolve {@code self} and {@code thread-self} in /proc as whoever opens them, which is the JVM here: the walk puts
 * the task's pid (and thread id) in their place wherever it meets them, whether the path names them or a link leads
 * there (/proc/mounts, /etc/mtab, /dev/fd, a relative path from a directory in /proc). A link in /proc below its
 * root (a process's fd/N, cwd, root, exe) leads somewhere its text does not say, so the kernel follows it; every
 * other link is followed by its text. A path that crosses no mount point cannot reach /proc, and is left to one
 * openat2 (RESOLVE_NO_XDEV). One instance per supervisor thread; not thread-safe.
 */
final class TaskPaths {
    private static final int O_NOFOLLOW = 0x20000;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int STATX_INO = 0x100;
    private static final int STATX_INO_OFFSET = 32;
    private static final int STATX_DEV_MAJOR_OFFSET = 136;
    private static final int STATX_DEV_MINOR_OFFSET = 140;
    private static final int PROC_ROOT_INO = 1;
    private static final long RESOLVE_NO_XDEV = 0x01;
    private static final int ENOENT = 2;
    private static final int MAX_LINKS = 40;
    private static final byte[] EMPTY = {0};
    /** What the kernel writes after the path of a file that was unlinked. */
    private static final String DELETED = " (deleted)";

    private final byte[] statx = new byte[FileConstants.SIZEOF_STATX];
    private static final int PATH_MAX = 4096;
    private final byte[] link = new byte[PATH_MAX];
    private final byte[] cPath = new byte[PATH_MAX + 1];
    private final Memory how = new Memory(24);
    private final Memory cPathNative = new Memory(4097);
    private final long openat2;
    private final int root;
    private final long procDevice;
    private long device;
    private boolean personal;

    TaskPaths(Architecture architecture) {
        openat2 = Syscall.OPENAT2.number(architecture);
        root = LibC.open("/", FileConstants.O_PATH | FileConstants.O_CLOEXEC);
        int proc = LibC.open("/proc", FileConstants.O_PATH | FileConstants.O_CLOEXEC);
        long dev = -1;
        if (proc >= 0) {
            dev = isRootOfItsFilesystem(proc) ? device : -1;
            LibC.close(proc);
        }
        procDevice = dev;
    }

    /**
     * Whether the last {@link #walk} depended on the task that walked it (it met /proc's self or thread-self, or
     * followed a link of a process in /proc): its answer must not be kept for another task.
     */
    boolean personal() {
        return personal;
    }

    /**
     * Resolves an absolute path as the task {@code tid} would.
     *
     * @param follow whether a link in the final name is followed
     * @return the path and what is there; MISSING with the path it would have when a name is not there (its
     *         directory missing too when a name before the last is not there); null when the call would fail for
     *         another reason (a file where a directory is needed, too many links, no access for the JVM)
     */
    Resolved walk(int tid, String path, boolean follow) {
        personal = false;
        if (!path.startsWith("/") || root < 0) {
            return null;
        }
        boolean followLast = follow || path.endsWith("/");
        int direct = withinOneMount(path, followLast);
        if (direct >= 0) {
            try {
                return described(direct);
            } finally {
                LibC.close(direct);
            }
        }
        Deque<String> rest = new ArrayDeque<>();
        push(rest, path);
        int current = root;
        int links = 0;
        try {
            while (!rest.isEmpty()) {
                String name = rest.pollFirst();
                boolean last = rest.isEmpty();
                if (name.equals(".")) {
                    continue; // the name before it is followed: it is not the last
                }
                if (name.equals("self") || name.equals("thread-self")) {
                    if (procDevice >= 0 && isProcRoot(current)) {
                        int tgid = tgid(tid);
                        if (tgid < 0) {
                            return null;
                        }
                        personal = true;
                        push(rest, name.equals("self") ? String.valueOf(tgid) : tgid + "/task/" + tid);
                        continue;
                    }
                }
                int next = LibC.openat(current, c(name), FileConstants.O_PATH | O_NOFOLLOW | FileConstants.O_CLOEXEC, 0);
                if (next < 0) {
                    return LibC.errno() == ENOENT ? missing(current, name, rest, last) : null;
                }
                if ((!last || followLast) && type(next) == FileType.SYMLINK) {
                    if (++links > MAX_LINKS) {
                        LibC.close(next);
                        return null;
                    }
                    if (device == procDevice && !isProcRoot(current)) {
                        // a process's link (fd/N, cwd, exe...): what it leads to is not its text
                        LibC.close(next);
                        personal = true;
                        next = LibC.openat(current, c(name), FileConstants.O_PATH | FileConstants.O_CLOEXEC, 0);
                        if (next < 0) {
                            return null;
                        }
                    } else {
                        long length = LibC.readlinkat(next, "", link, link.length);
                        LibC.close(next);
                        if (length <= 0) {
                            return null;
                        }
                        String target = new String(link, 0, (int) length, StandardCharsets.UTF_8);
                        push(rest, target);
                        if (target.startsWith("/")) {
                            current = replace(current, root);
                        }
                        continue;
                    }
                }
                current = replace(current, next);
            }
            return described(current);
        } finally {
            if (current != root) {
                LibC.close(current);
            }
        }
    }

    /**
     * The path opened O_PATH by the kernel in one call, if it crosses no mount point on the way (so it never enters
     * /proc, nor follows a process's link there): what the JVM finds is then what the task finds. -1 otherwise, or
     * when it is not there (the walk says what is missing).
     */
    private int withinOneMount(String path, boolean followLast) {
        if (openat2 < 0 || path.length() >= PATH_MAX) {
            return -1;
        }
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= PATH_MAX) {
            return -1;
        }
        cPathNative.write(0, bytes, 0, bytes.length);
        cPathNative.setByte(bytes.length, (byte) 0);
        how.setLong(0, FileConstants.O_PATH | FileConstants.O_CLOEXEC | (followLast ? 0 : O_NOFOLLOW));
        how.setLong(8, 0);
        how.setLong(16, RESOLVE_NO_XDEV);
        return (int) LibC.syscall(openat2, root, Pointer.nativeValue(cPathNative), Pointer.nativeValue(how), 24);
    }

    /** Puts the names of {@code path} in front of {@code rest}, in order. */
    private static void push(Deque<String> rest, String path) {
        String[] names = path.split("/");
        for (int i = names.length - 1; i >= 0; i--) {
            if (!names[i].isEmpty()) {
                rest.addFirst(names[i]);
            }
        }
    }

    private int replace(int current, int next) {
        if (current != root) {
            LibC.close(current);
        }
        return next;
    }

    private Resolved missing(int directory, String name, Deque<String> rest, boolean last) {
        Resolved parent = described(directory);
        if (parent == null || parent.type() == FileType.PRIVATE) {
            return null;
        }
        StringBuilder path = new StringBuilder(join(parent.path(), name));
        rest.forEach(n -> path.append('/').append(n));
        return new Resolved(path.toString(), FileType.MISSING, last);
    }

    private static String join(String directory, String name) {
        return directory.equals("/") ? "/" + name : directory + "/" + name;
    }

    /** The thread group (the process) of a thread: what /proc/self names for it. */
    private static int tgid(int tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + tid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Tgid:")) {
                    return Integer.parseInt(line.substring("Tgid:".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private boolean isProcRoot(int fd) {
        return isRootOfItsFilesystem(fd) && device == procDevice;
    }

    private boolean isRootOfItsFilesystem(int fd) {
        if (LibC.statx(fd, EMPTY, FileConstants.AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_INO, statx) != 0) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder());
        device = deviceOf(b);
        return b.getLong(STATX_INO_OFFSET) == PROC_ROOT_INO;
    }

    private static long deviceOf(ByteBuffer b) {
        return ((long) b.getInt(STATX_DEV_MAJOR_OFFSET) << 32) | (b.getInt(STATX_DEV_MINOR_OFFSET) & 0xffffffffL);
    }

    /** What an fd of the JVM's leads to, by its /proc/self/fd link (the JVM's own: it is the JVM's fd). */
    private Resolved described(int fd) {
        long length = LibC.readlink(c("/proc/self/fd/" + fd), link, link.length);
        if (length < 0) {
            return null;
        }
        String real = new String(link, 0, (int) length, StandardCharsets.UTF_8);
        if (!real.startsWith("/") || real.startsWith("/memfd:")) {
            return new Resolved(real, FileType.PRIVATE);
        }
        if (real.endsWith(DELETED) && !isNamed(fd, real)) {
            real = real.substring(0, real.length() - DELETED.length());
        }
        return new Resolved(real, type(fd));
    }

    /**
     * Whether {@code path} names what {@code fd} is: then a " (deleted)" at its end is part of its name, not the
     * kernel's word for an unlinked file (a file may be called "notes (deleted)" next to "notes").
     */
    private boolean isNamed(int fd, String path) {
        if (LibC.statx(fd, EMPTY, FileConstants.AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_INO, statx) != 0) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder());
        long inode = b.getLong(STATX_INO_OFFSET);
        long dev = deviceOf(b);
        if (LibC.statx(ChildFiles.AT_FDCWD, c(path), AT_SYMLINK_NOFOLLOW, STATX_INO, statx) != 0) {
            return false;
        }
        return b.getLong(STATX_INO_OFFSET) == inode && deviceOf(b) == dev;
    }

    /** The type of what {@code fd} is, not following it; sets {@link #device}. */
    FileType type(int fd) {
        if (LibC.statx(fd, EMPTY, FileConstants.AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, FileConstants.STATX_TYPE, statx) != 0) {
            device = -1;
            return FileType.MISSING;
        }
        ByteBuffer b = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder());
        device = deviceOf(b);
        return FileType.ofMode(b.getShort(FileConstants.STATX_MODE_OFFSET) & 0xffff);
    }

    private byte[] c(String path) {
        return CStrings.encode(path, cPath);
    }

    void close() {
        if (root >= 0) {
            LibC.close(root);
        }
        how.close();
        cPathNative.close();
    }
}
