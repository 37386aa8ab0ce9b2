package dev.paddock.core.trace;

import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.Syscall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access trace of one run: every filesystem and network access its processes attempt (threads and children
 * included), with a verdict each, seen through seccomp user notification before it happens. Landlock still decides
 * every access; the trace only watches and lets each call continue.
 *
 * <p>Memory stays bounded however long the run: repeats are counted in one {@link TraceEntry} (count, first and last
 * seen), and past {@link #MAX_ENTRIES} distinct accesses (plus {@link #MAX_DENIALS} distinct denials) further
 * distinct ones are only counted in {@link #dropped()}.
 *
 * <p>Made by {@code SandboxedCommand.trace()}; its supervisor starts with the launch.
 */
public final class Trace implements AutoCloseable {
    public static final int MAX_ENTRIES = 20_000;
    public static final int MAX_DENIALS = 5_000;

    /** The calls a traced launch sends to the supervisor. */
    public static final Set<Syscall> CALLS = Collections.unmodifiableSet(EnumSet.of(
            Syscall.OPEN, Syscall.CREAT, Syscall.OPENAT, Syscall.OPENAT2, Syscall.EXECVE, Syscall.EXECVEAT,
            Syscall.MKDIR, Syscall.MKDIRAT, Syscall.MKNOD, Syscall.MKNODAT, Syscall.UNLINK, Syscall.UNLINKAT,
            Syscall.RMDIR, Syscall.RENAME, Syscall.RENAMEAT, Syscall.RENAMEAT2, Syscall.LINK, Syscall.LINKAT,
            Syscall.SYMLINK, Syscall.SYMLINKAT, Syscall.TRUNCATE, Syscall.FTRUNCATE, Syscall.CONNECT, Syscall.BIND,
            Syscall.SENDTO));

    private record Key(String executable, Operation operation, String path, String otherPath, int port,
                       Verdict.Kind kind) {
    }

    private static final class Counter {
        final TraceEvent firstEvent;
        long count;
        Instant last;

        Counter(TraceEvent event) {
            this.firstEvent = event;
            this.last = event.time();
        }
    }

    private final TraceListener listener;
    private final Map<Key, Counter> entries = new HashMap<>();
    private final List<Key> order = new ArrayList<>();
    private int denialEntries;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean listenerFailed;
    private volatile Supervisor supervisor;
    private volatile AccessModel model;

    /** A trace that also tells {@code listener} (may be null) of every event as it happens. */
    public Trace(TraceListener listener) {
        this.listener = listener;
    }

    /**
     * Starts serving a launch's seccomp listener on a new platform thread; for the launch code only.
     *
     * @param listenerFd  the listener, which the trace now owns and closes
     * @param sessionRule whether the first setsid() is the spawn's own (a launch with a session of its own)
     * @param ignoredTid  the JVM thread that installed the filter (its own calls are let through, not traced)
     * @param plan        the ruleset the run is confined with, for the verdicts
     */
    public void attach(int listenerFd, Architecture architecture, boolean sessionRule, int ignoredTid,
                       RulesetPlan plan) {
        if (supervisor != null) {
            throw new IllegalStateException("a trace follows one launch");
        }
        model = new AccessModel(plan);
        Supervisor serving = new Supervisor(listenerFd, architecture, sessionRule, ignoredTid, model, this::record,
                ended::countDown);
        supervisor = serving;
        Thread thread = new Thread(serving, "paddock-trace");
        thread.setDaemon(true);
        thread.start();
    }

    private void record(TraceEvent event) {
        events.incrementAndGet();
        Key key = new Key(event.executable(), event.access().operation(), event.access().path(),
                event.access().otherPath(), event.access().port(), event.verdict().kind());
        synchronized (this) {
            Counter counter = entries.get(key);
            if (counter == null) {
                boolean denial = event.verdict().denied();
                if (denial ? denialEntries >= MAX_DENIALS : entries.size() - denialEntries >= MAX_ENTRIES) {
                    dropped.incrementAndGet();
                } else {
                    counter = new Counter(event);
                    entries.put(key, counter);
                    order.add(key);
                    if (denial) {
                        denialEntries++;
                    }
                }
            }
            if (counter != null) {
                counter.count++;
                counter.last = event.time();
            }
        }
        if (listener != null && !listenerFailed) {
            try {
                listener.onAccess(event);
            } catch (RuntimeException | Error e) {
                listenerFailed = true;
            }
        }
    }

    /** Every distinct access so far, in the order first seen. */
    public synchronized List<TraceEntry> entries() {
        List<TraceEntry> out = new ArrayList<>(order.size());
        for (Key key : order) {
            Counter c = entries.get(key);
            out.add(new TraceEntry(c.firstEvent.executable(), c.firstEvent.access(), c.firstEvent.verdict(), c.count,
                    c.firstEvent.time(), c.last));
        }
        return out;
    }

    /** The distinct denials so far, in the order first seen. */
    public List<TraceEntry> denials() {
        return entries().stream().filter(e -> e.verdict().denied()).toList();
    }

    /** How many accesses were seen, repeats included. */
    public long events() {
        return events.get();
    }

    /** How many distinct accesses were not kept because the bound was reached (their repeats are not counted). */
    public long dropped() {
        return dropped.get();
    }

    /** The model the verdicts come from, once the launch has started. */
    public AccessModel model() {
        return Objects.requireNonNull(model, "the traced launch has not started");
    }

    /** Whether the supervisor still serves the run. */
    public boolean isRunning() {
        return supervisor != null && ended.getCount() > 0;
    }

    /**
     * Waits until the trace ends: every process of the run is gone (or {@link #close()} was called). Returns
     * whether it ended in time.
     */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return supervisor == null || ended.await(timeout, unit);
    }

    /**
     * Stops tracing: the listener is closed within a tenth of a second. The run goes on, but its processes' traced
     * calls (the pending ones and every later one) fail with ENOSYS: a seccomp filter cannot be taken back.
     */
    @Override
    public void close() {
        Supervisor serving = supervisor;
        if (serving != null) {
            serving.stop();
        }
    }
}
