package dev.paddock.core.sys;

/**
 * What the calling thread carries that every thread it starts inherits: a seccomp filter and no_new_privs. A thread
 * that lives on and serves every launch (a reaper, the spawn-thread maker) must be started from a thread that carries
 * neither, or it would pass one caller's restrictions on to the launches of all the others, and stay restricted.
 */
public final class ThreadRestrictions {
    private static final int PR_GET_SECCOMP = 21;
    private static final int PR_GET_NO_NEW_PRIVS = 39;

    private ThreadRestrictions() {
    }

    /** Whether the calling thread has neither a seccomp filter nor no_new_privs (two prctl calls). */
    public static boolean none() {
        return LibC.prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0 && LibC.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0;
    }
}
