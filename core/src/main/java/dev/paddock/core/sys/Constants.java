package dev.paddock.core.sys;

/** Linux constants for x86_64 and aarch64 (glibc), named as in the C headers. */
public final class Constants {
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

    public static final int PR_SET_NO_NEW_PRIVS = 38;
    public static final int PR_GET_NO_NEW_PRIVS = 39;

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    public static final int SIG_SETMASK = 2;
    public static final int CLOSE_RANGE_CLOEXEC = 4;
    public static final long TIOCSWINSZ = 0x5414;

    public static final short POSIX_SPAWN_SETPGROUP = 0x02;
    public static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    public static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    public static final short POSIX_SPAWN_SETSID = 0x80;

    /** glibc's sizes, rounded up generously: the structures are opaque. */
    public static final int SIZEOF_FILE_ACTIONS = 128;
    public static final int SIZEOF_SPAWNATTR = 512;
    public static final int SIZEOF_SIGSET = 128;

    private Constants() {
    }
}
