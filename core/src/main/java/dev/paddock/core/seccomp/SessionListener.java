package dev.paddock.core.seccomp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.sys.LibC;

import java.util.function.BooleanSupplier;

/**
 * Serves the seccomp listener of one spawn whose child starts a session of its own. posix_spawn's child calls
 * setsid() before it executes the program, so the first setsid() the filter reports is Paddock's own: it is let
 * through, and the listener is closed. From then on the kernel fails every setsid() of the run with ENOSYS (a
 * filter whose listener is gone), so no process of the run can leave its session.
 *
 * <p>This decides on a call without pointer arguments, so nothing can change between the check and the call.
 */
public final class SessionListener {
    private static final long NOTIF_RECV = 0xC0502100L;
    private static final long NOTIF_SEND = 0xC0182101L;
    private static final int NOTIF_SIZE = 80;
    private static final int RESPONSE_SIZE = 24;
    private static final int FLAG_CONTINUE = 1;
    private static final short POLLIN = 1;
    private static final int POLL_MILLIS = 50;
    /**
     * How long the serving thread polls without sleeping before it waits in poll(): the spawn's setsid() usually
     * arrives within tens of microseconds of the listener, and a thread that is already running answers it without
     * first being woken (on a busy machine, waiting for a CPU after each wake-up is most of a launch's cost).
     */
    private static final long SPIN_NANOS = 100_000L;

    /** The poll entry, the notification and the response, once per serving thread: serving is synchronous. */
    private static final ThreadLocal<Memory> SCRATCH =
            ThreadLocal.withInitial(() -> new Memory(8 + NOTIF_SIZE + RESPONSE_SIZE));

    private SessionListener() {
    }

    /**
     * Waits for the spawn's setsid() and lets it run, for as long as {@code spawning} says the spawn thread is
     * alive; then closes the listener. Returns whether the setsid was let through.
     */
    public static boolean allowSpawnSetsid(int listenerFd, Architecture architecture, BooleanSupplier spawning) {
        Memory scratch = SCRATCH.get();
        Pointer poll = scratch.share(0, 8);
        Pointer notification = scratch.share(8, NOTIF_SIZE);
        Pointer response = scratch.share(8 + NOTIF_SIZE, RESPONSE_SIZE);
        try {
            while (true) {
                poll.setInt(0, listenerFd);
                poll.setShort(4, POLLIN);
                poll.setShort(6, (short) 0);
                int ready = awaitReadable(poll);
                if (ready > 0) {
                    notification.clear(NOTIF_SIZE);
                    if (LibC.ioctl(listenerFd, NOTIF_RECV, notification) != 0) {
                        // the child died before it could be answered (ENOENT): wait for the next, unless the spawn
                        // thread is gone (it ended without spawning: the listener has no filter left, and polls
                        // readable for ever)
                        if (!spawning.getAsBoolean()) {
                            return false;
                        }
                        continue;
                    }
                    boolean isSetsid = notification.getInt(16) == Syscall.SETSID.number(architecture);
                    response.clear(RESPONSE_SIZE);
                    response.setLong(0, notification.getLong(0));
                    if (isSetsid) {
                        response.setInt(20, FLAG_CONTINUE);
                    } else {
                        response.setInt(16, -SeccompFilter.EPERM);
                    }
                    LibC.ioctl(listenerFd, NOTIF_SEND, response);
                    return isSetsid;
                }
                if (!spawning.getAsBoolean()) {
                    return false;
                }
            }
        } finally {
            LibC.close(listenerFd);
        }
    }

    /** Polls without sleeping for {@link #SPIN_NANOS}, then waits up to {@link #POLL_MILLIS}; returns poll's result. */
    private static int awaitReadable(Pointer poll) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        int ready = LibC.poll(poll, 1, 0);
        while (ready == 0 && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
            ready = LibC.poll(poll, 1, 0);
        }
        return ready != 0 ? ready : LibC.poll(poll, 1, POLL_MILLIS);
    }
}
