package dev.paddock.core.sys;

/**
 * Linux's numbers for processes (prctl, signals and signal masks, the terminal's window size, posix_spawn's
 * attributes and glibc's sizes of its opaque structures) on x86_64 and aarch64, named as in the C headers.
 */
public final class ProcessConstants {
    public static final int PR_SET_NO_NEW_PRIVS = 38;
    public static final int PR_GET_NO_NEW_PRIVS = 39;

    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    public static final int SIG_SETMASK = 2;
    public static final long TIOCSWINSZ = 0x5414;

    public static final short POSIX_SPAWN_SETPGROUP = 0x02;
    public static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    public static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    public static final short POSIX_SPAWN_SETSID = 0x80;

    /** glibc's sizes, rounded up generously: the structures are opaque. */
    public static final int SIZEOF_FILE_ACTIONS = 128;
    public static final int SIZEOF_SPAWNATTR = 512;
    public static final int SIZEOF_SIGSET = 128;
    /** glibc's struct sigaction on x86_64 and aarch64 (152 bytes), rounded up. */
    public static final int SIZEOF_SIGACTION = 256;

    private ProcessConstants() {
    }
}
