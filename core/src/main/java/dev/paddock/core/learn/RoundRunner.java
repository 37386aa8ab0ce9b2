package dev.paddock.core.learn;

import dev.paddock.core.SandboxException;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedCommand;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.trace.Trace;
import dev.paddock.core.trace.TraceEntry;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the program once for a round of learning, traced: waits for it (or stops it at the round timeout), ends what
 * it left running, keeps the end of its output when asked, and can be cancelled from another thread.
 */
final class RoundRunner {
    /** How much of the end of a round's output is kept. */
    static final int TAIL_BYTES = 4096;

    private final Duration timeout;
    private final Redirect output;
    private final LaunchContext context;
    private volatile SandboxedProcess running;
    private volatile boolean cancelled;
    /** Whether {@link #run} is running, guarded by itself. */
    private final Object idle = new Object();
    private boolean busy;

    record Outcome(int exitCode, boolean timedOut, List<TraceEntry> denials, List<TraceEntry> entries, String output) {
    }

    RoundRunner(Duration timeout, Redirect output, LaunchContext context) {
        this.timeout = timeout;
        this.output = output;
        this.context = context;
    }

    /** Stops the round that runs now (every process of it), or the next one as soon as it starts. */
    void cancel() {
        cancelled = true;
        SandboxedProcess process = running;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /**
     * Cancels as {@link #cancel()} does, and waits until the round that runs has ended: its processes killed and
     * waited for, its trace closed.
     *
     * @return whether it ended within {@code limit}
     */
    boolean cancelAndWait(Duration limit) throws InterruptedException {
        cancel();
        long end = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            while (busy) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /** Whether a round may run again after a cancel. */
    void reset() {
        cancelled = false;
    }

    Outcome run(Policy policy, boolean unconfined) throws SandboxException {
        synchronized (idle) {
            busy = true;
        }
        try {
            return runOnce(policy, unconfined);
        } finally {
            synchronized (idle) {
                busy = false;
                idle.notifyAll();
            }
        }
    }

    private Outcome runOnce(Policy policy, boolean unconfined) throws SandboxException {
        Sandbox sandbox = unconfined ? Sandbox.of(policy).allowingUnsandboxed() : Sandbox.of(policy);
        boolean keep = output == Redirect.PIPE;
        SandboxedCommand command = sandbox.command(policy.command())
                .redirectInput(Redirect.from(new File("/dev/null"))).trace();
        if (keep) {
            command.redirectErrorStream(true);
        } else {
            command.redirectOutput(output).redirectError(output);
        }
        if (context != null) {
            command.context(context);
        }
        if (cancelled) {
            throw new CancellationException("the round was cancelled");
        }
        SandboxedProcess process;
        try {
            process = command.start();
        } catch (SandboxException e) {
            throw e;
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Reason.SPAWN_FAILED, e.getMessage(), e);
        }
        running = process;
        Tail tail = keep ? Tail.reading(process.getInputStream()) : null;
        try {
            if (cancelled) {
                process.destroyForcibly();
            }
            boolean timedOut = false;
            int code;
            if (timeout == null) {
                code = process.waitFor();
            } else if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = process.exitValue();
            } else {
                timedOut = true;
                process.destroyForcibly();
                process.waitFor();
                code = -1;
            }
            // what the program left running in the background ends with its round
            if (!process.liveProcesses().isEmpty()) {
                process.destroyForcibly();
            }
            Trace trace = process.trace().orElseThrow();
            trace.awaitEnd(2, TimeUnit.SECONDS);
            List<TraceEntry> entries = trace.entries();
            trace.close();
            if (cancelled) {
                throw new CancellationException("the round was cancelled");
            }
            return new Outcome(code, timedOut, entries.stream().filter(e -> e.verdict().denied()).toList(), entries,
                    tail == null ? "" : tail.text());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            process.trace().ifPresent(Trace::close);
            Thread.currentThread().interrupt();
            throw new SandboxException(SandboxException.Reason.SPAWN_FAILED, "interrupted while learning", e);
        } finally {
            running = null;
        }
    }

    /** The last {@link #TAIL_BYTES} of a stream, read on a thread of its own until it ends. */
    private static final class Tail {
        private final byte[] ring = new byte[TAIL_BYTES];
        private long total;
        private final Thread reader;

        private Tail(InputStream in) {
            reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        put(buffer, n);
                    }
                } catch (IOException e) {
                    // the run ended: what was read is kept
                }
            }, "paddock-learn-output");
            reader.setDaemon(true);
        }

        static Tail reading(InputStream in) {
            Tail tail = new Tail(in);
            tail.reader.start();
            return tail;
        }

        private synchronized void put(byte[] bytes, int length) {
            for (int i = Math.max(0, length - TAIL_BYTES); i < length; i++) {
                ring[(int) (total++ % TAIL_BYTES)] = bytes[i];
            }
        }

        String text() throws InterruptedException {
            reader.join(2000);
            synchronized (this) {
                int size = (int) Math.min(total, TAIL_BYTES);
                byte[] last = new byte[size];
                for (int i = 0; i < size; i++) {
                    last[i] = ring[(int) ((total - size + i) % TAIL_BYTES)];
                }
                return new String(last, StandardCharsets.UTF_8);
            }
        }
    }
}
