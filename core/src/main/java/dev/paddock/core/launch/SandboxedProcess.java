package dev.paddock.core.launch;

import dev.paddock.core.launch.process.RunMembers;
import dev.paddock.core.launch.process.Stdio;
import dev.paddock.core.launch.process.Reaper;
import dev.paddock.core.launch.process.Pty;
import dev.paddock.core.launch.process.FdOutputStream;
import dev.paddock.core.launch.process.FdInputStream;
import dev.paddock.core.launch.process.FdHandle;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.trace.Trace;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child running in a Landlock sandbox, usable wherever a {@link Process} is. {@link #destroy()} and
 * {@link #destroyForcibly()} reach every process the run started, however it detached: the run's session, which
 * no process of the run can leave, or, for a child that shares the caller's terminal, its process group and every
 * descendant.
 */
public final class SandboxedProcess extends Process {
    private final int pid;
    private final CompiledPolicy compiled;
    private final CompletableFuture<ExitStatus> exit;
    private final CompletableFuture<Process> onExit;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final Pty pty;
    private final RunMembers members;
    private final Trace trace;

    SandboxedProcess(Spawner.Spawned spawned, CompiledPolicy compiled, Stdio stdio, Pty pty, boolean ownSession,
                     Trace trace) {
        this.pid = spawned.pid();
        this.trace = trace;
        this.members = new RunMembers(pid, ownSession);
        this.compiled = compiled;
        this.pty = pty;
        FdHandle in = stdio.parentEnd(0);
        FdHandle out = stdio.parentEnd(1);
        FdHandle err = stdio.parentEnd(2);
        this.stdin = in == null ? OutputStream.nullOutputStream() : new FdOutputStream(in);
        this.stdout = out == null ? InputStream.nullInputStream() : new FdInputStream(out);
        this.stderr = err == null ? InputStream.nullInputStream() : new FdInputStream(err);
        // the spawn thread is joined before the exit is told, so no confined thread is left when a caller looks
        this.exit = Reaper.watch(pid, () -> Spawner.joinQuietly(spawned.thread()), () -> {
            releaseStreams();
            members.reapGroup();
        });
        this.onExit = exit.handle((status, error) -> this);
    }

    /**
     * After the child is gone, so that unread streams do not leak fds: what is buffered is kept in memory and the fds
     * are closed, as the JDK does. A terminal gets a grace period first: the kernel may still be moving the child's
     * last output from the slave to the master, and a reader normally reaches the end on its own.
     */
    private void releaseStreams() {
        if (pty != null) {
            LATER.schedule(this::releaseNow, TERMINAL_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            releaseNow();
        }
    }

    private static final int TERMINAL_GRACE_SECONDS = 5;
    private static final java.util.concurrent.ScheduledExecutorService LATER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "paddock-stream-release");
                thread.setDaemon(true);
                return thread;
            });

    private void releaseNow() {
        if (stdin instanceof FdOutputStream pipe) {
            pipe.processExited();
        }
        for (InputStream stream : new InputStream[] {stdout, stderr}) {
            if (stream instanceof FdInputStream pipe) {
                pipe.processExited();
            }
        }
    }

    /**
     * What the kernel enforces on this child.
     *
     * @return the enforcement report
     */
    public EnforcementReport report() {
        return compiled.report();
    }

    /**
     * The exact ruleset this child was confined with.
     *
     * @return the ruleset plan
     */
    public RulesetPlan plan() {
        return compiled.plan();
    }

    /**
     * The run's access trace, for a command started with {@link SandboxedCommand#trace()}: every access its
     * processes attempted, aggregated, with a verdict each. It goes on until every process of the run is gone.
     *
     * @return the trace, or empty when the command was not traced
     */
    public Optional<Trace> trace() {
        return Optional.ofNullable(trace);
    }

    /**
     * Whether the child's stdio is a pseudo-terminal (then stderr arrives on {@link #getInputStream()}).
     *
     * @return true for a command started with a terminal
     */
    public boolean isTerminal() {
        return pty != null;
    }

    /**
     * Tells the child's terminal its new size; does nothing without a terminal.
     *
     * @param columns the new width
     * @param rows    the new height
     */
    public void resizeTerminal(int columns, int rows) {
        if (pty != null) {
            pty.resize(columns, rows);
        }
    }

    /**
     * How the child ended, once it has.
     *
     * @return the exit status, or empty while it runs
     */
    public Optional<ExitStatus> exitStatus() {
        return Optional.ofNullable(exit.getNow(null));
    }

    /**
     * Sends a signal to every live process of the run.
     *
     * @param signal the signal's number, such as 15 for SIGTERM
     * @return whether it reached any
     */
    public boolean signalGroup(int signal) {
        return members.signal(signal) > 0;
    }

    /**
     * The pids of the run's processes that are alive now, the first one included while it runs: after it exits,
     * what it left running in the background.
     *
     * @return the pids
     */
    public java.util.List<Integer> liveProcesses() {
        return members.alive();
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get().exitValue();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for process " + pid, e.getCause());
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for process " + pid, e.getCause());
        }
    }

    @Override
    public int exitValue() {
        ExitStatus status = exit.getNow(null);
        if (status == null) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return status.exitValue();
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    /** SIGTERM to every process of the run. */
    @Override
    public void destroy() {
        members.signal(ProcessConstants.SIGTERM);
    }

    /** SIGKILL to every process of the run, until none is left alive. */
    @Override
    public Process destroyForcibly() {
        members.killAll(ProcessConstants.SIGKILL);
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return onExit;
    }

    @Override
    public ProcessHandle toHandle() {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
    }

    @Override
    public String toString() {
        ExitStatus status = exit.getNow(null);
        return "SandboxedProcess[pid=" + pid + ", " + (status == null ? "running" : status.describe()) + ", "
                + compiled.report().status().words() + "]";
    }
}
