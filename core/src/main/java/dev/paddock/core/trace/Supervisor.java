package dev.paddock.core.trace;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.sys.LibC;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Serves one run's seccomp listener on a platform thread of its own: receives each notified call, reads and
 * resolves its arguments while the caller waits, checks the notification is still valid (so the pid read was the
 * caller's), and answers CONTINUE: the call then runs, and Landlock decides it. The supervisor never refuses a call
 * for a security reason: arguments in memory can change after they are read.
 *
 * <p>It also applies the session rule for a launch in a session of its own (one listener serves both, since a
 * process can have only one): the first setsid() is posix_spawn's own and continues; later ones fail with EPERM.
 *
 * <p>When the supervisor stops (closed, or the JVM dies), the listener fd is closed, and the kernel fails the
 * pending and every later traced call with ENOSYS: the run never hangs on a supervisor that is gone.
 */
final class Supervisor implements Runnable {
    private static final long NOTIF_RECV = 0xC0502100L;
    private static final long NOTIF_SEND = 0xC0182101L;
    private static final long NOTIF_ID_VALID = 0x40082102L;
    private static final long NOTIF_SET_FLAGS = 0x40082104L;
    private static final long FD_SYNC_WAKE_UP = 1;
    private static final int NOTIF_SIZE = 80;
    private static final int RESPONSE_SIZE = 24;
    private static final int FLAG_CONTINUE = 1;
    private static final short POLLIN = 1;
    private static final short POLLERR = 8;
    private static final short POLLHUP = 0x10;
    private static final short POLLNVAL = 0x20;
    private static final int POLL_MILLIS = 100;
    private static final int EPERM = 1;

    private final int listener;
    private final Architecture architecture;
    private final boolean sessionRule;
    private final int ignoredTid;
    private final AccessModel model;
    private final Consumer<TraceEvent> sink;
    private final Runnable onEnd;
    private volatile boolean stop;
    private boolean firstSetsid = true;
    private final Map<Integer, String> executables = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > 1024;
        }
    };

    Supervisor(int listener, Architecture architecture, boolean sessionRule, int ignoredTid, AccessModel model,
               Consumer<TraceEvent> sink, Runnable onEnd) {
        this.listener = listener;
        this.architecture = architecture;
        this.sessionRule = sessionRule;
        this.ignoredTid = ignoredTid;
        this.model = model;
        this.sink = sink;
        this.onEnd = onEnd;
    }

    /** Asks the loop to end; it closes the listener within one poll interval. */
    void stop() {
        stop = true;
    }

    private TraceEvent finished(Decoder decoder, Decoder.Deferred deferred, Instant time, int tid, String executable) {
        try {
            Access access = decoder.finish(deferred);
            return access == null ? null : new TraceEvent(time, tid, executable, access, model.judge(access));
        } catch (RuntimeException e) {
            return null; // as for a call decoded while it waits
        }
    }

    @Override
    public void run() {
        ChildFiles files = new ChildFiles(architecture);
        Decoder decoder = new Decoder(files);
        long[] args = new long[6];
        // Linux 6.6: the caller and the supervisor hand the CPU to each other, as they take turns anyway; an
        // older kernel refuses the flag, and the trace works as well, a little slower
        LibC.ioctl(listener, NOTIF_SET_FLAGS, new Pointer(FD_SYNC_WAKE_UP));
        try (Memory poll = new Memory(8); Memory notification = new Memory(NOTIF_SIZE);
             Memory response = new Memory(RESPONSE_SIZE); Memory id = new Memory(8)) {
            while (!stop) {
                poll.setInt(0, listener);
                poll.setShort(4, POLLIN);
                poll.setShort(6, (short) 0);
                int ready = LibC.poll(poll, 1, POLL_MILLIS);
                if (ready <= 0) {
                    continue;
                }
                short revents = poll.getShort(6);
                if ((revents & POLLIN) == 0) {
                    if ((revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) {
                        break; // every process of the run is gone
                    }
                    continue;
                }
                notification.clear();
                if (LibC.ioctl(listener, NOTIF_RECV, notification) != 0) {
                    continue; // the caller died or was interrupted before it could be received
                }
                long notificationId = notification.getLong(0);
                int tid = notification.getInt(8);
                int nr = notification.getInt(16);
                for (int i = 0; i < 6; i++) {
                    args[i] = notification.getLong(32 + 8L * i);
                }
                Syscall call = Syscall.byNumber(architecture, nr);
                response.clear();
                response.setLong(0, notificationId);
                if (call == Syscall.SETSID) {
                    if (sessionRule && firstSetsid) {
                        firstSetsid = false;
                        response.setInt(20, FLAG_CONTINUE);
                    } else {
                        response.setInt(16, -EPERM);
                    }
                    LibC.ioctl(listener, NOTIF_SEND, response);
                    continue;
                }
                Access access = null;
                Decoder.Deferred deferred = null;
                String executable = null;
                if (tid != ignoredTid && call != null) {
                    try {
                        deferred = decoder.prepare(tid, call, args);
                        if (deferred != null && !model.grantsAll(deferred.lexical(), deferred.rights())) {
                            access = decoder.finish(deferred); // it may be denied: judged before it goes on
                            deferred = null;
                        } else if (deferred == null) {
                            access = decoder.decode(tid, call, args);
                        }
                        if (access != null || deferred != null) {
                            executable = executables.computeIfAbsent(tid, files::executable);
                        }
                    } catch (RuntimeException e) {
                        access = null; // a call the decoder does not understand is still let through
                        deferred = null;
                    }
                    id.setLong(0, notificationId);
                    if ((access != null || deferred != null) && LibC.ioctl(listener, NOTIF_ID_VALID, id) != 0) {
                        access = null; // the caller is gone: what was read may belong to another process
                        deferred = null;
                    }
                }
                // A denial is told before the call goes on, so a live explanation comes before the program's own
                // error message; everything else after, so the caller waits no longer than needed. An open that
                // creates nothing, on a path the rules surely allow, is even resolved and judged after.
                Instant now = Instant.now();
                TraceEvent event = access == null ? null
                        : new TraceEvent(now, tid, executable, access, model.judge(access));
                if (event != null && event.verdict().denied()) {
                    sink.accept(event);
                    event = null;
                }
                response.setInt(20, FLAG_CONTINUE);
                LibC.ioctl(listener, NOTIF_SEND, response);
                if (call == Syscall.EXECVE || call == Syscall.EXECVEAT) {
                    executables.remove(tid);
                }
                if (deferred != null) {
                    event = finished(decoder, deferred, now, tid, executable);
                }
                if (event != null) {
                    sink.accept(event);
                }
            }
        } finally {
            LibC.close(listener);
            files.close();
            onEnd.run();
        }
    }
}
