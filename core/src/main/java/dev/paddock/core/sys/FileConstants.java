package dev.paddock.core.sys;

/**
 * Linux's numbers for files and descriptors (open flags, statx, file types, fcntl, close_range), the same on x86_64
 * and aarch64, named as in the C headers.
 */
public final class FileConstants {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_TRUNC = 0x200;
    public static final int O_APPEND = 0x400;
    public static final int O_NOCTTY = 0x100;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_PATH = 0x200000;

    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int STATX_TYPE = 0x1;
    /** struct statx is the same on every architecture: 256 bytes, stx_mode a __u16 at offset 28. */
    public static final int SIZEOF_STATX = 256;
    public static final int STATX_MODE_OFFSET = 28;
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;

    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int FD_CLOEXEC = 1;
    public static final int CLOSE_RANGE_CLOEXEC = 4;

    private FileConstants() {
    }
}
