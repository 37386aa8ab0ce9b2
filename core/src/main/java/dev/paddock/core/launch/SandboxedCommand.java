package dev.paddock.core.launch;

import dev.paddock.core.launch.process.Orphans;
import dev.paddock.core.launch.process.Stdio;
import dev.paddock.core.launch.process.Pty;
import dev.paddock.core.SandboxException;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.landlock.PlannedPathRule.Origin;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler;
import dev.paddock.core.policy.PolicyCompiler.AddedRule;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.SeccompFilter;
import dev.paddock.core.trace.Trace;
import dev.paddock.core.trace.TraceListener;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.paddock.core.landlock.FsAccess.IOCTL_DEV;
import static dev.paddock.core.landlock.FsAccess.READ_FILE;
import static dev.paddock.core.landlock.FsAccess.WRITE_FILE;

/**
 * One command to start in a {@link Sandbox}, configured like a {@link ProcessBuilder}: environment, directory,
 * redirects, and a pseudo-terminal mode. The environment starts as the policy gives it, never the JVM's.
 */
public final class SandboxedCommand {
    private final Sandbox sandbox;
    private final List<String> command;
    private final Map<String, String> environment;
    private File directory;
    private Redirect stdin = Redirect.PIPE;
    private Redirect stdout = Redirect.PIPE;
    private Redirect stderr = Redirect.PIPE;
    private boolean redirectErrorStream;
    private boolean terminal;
    private int columns = 80;
    private int rows = 24;
    private boolean traced;
    private TraceListener traceListener;
    private LaunchContext context;

    SandboxedCommand(Sandbox sandbox, List<String> command) {
        this.sandbox = sandbox;
        this.command = new ArrayList<>(command);
        this.environment = EnvVar.resolve(sandbox.policy().environment(), System.getenv());
        String dir = sandbox.policy().workingDirectory();
        this.directory = dir == null ? null : new File(dir);
    }

    /**
     * The program and its arguments.
     *
     * @return the list, which may be changed
     */
    public List<String> command() {
        return command;
    }

    /**
     * The child's environment: it starts as the policy's, empty by default.
     *
     * @return the map, which may be changed
     */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Sets the child's working directory.
     *
     * @param directory the directory, or null for the policy's (else the current one)
     * @return this command
     */
    public SandboxedCommand directory(File directory) {
        this.directory = directory;
        return this;
    }

    /**
     * The child's working directory, if one was set.
     *
     * @return the directory, or null
     */
    public File directory() {
        return directory;
    }

    /**
     * Where the child's stdin comes from, as {@link ProcessBuilder#redirectInput(Redirect)}.
     *
     * @param redirect the source
     * @return this command
     */
    public SandboxedCommand redirectInput(Redirect redirect) {
        stdin = redirect;
        return this;
    }

    /**
     * Where the child's stdout goes, as {@link ProcessBuilder#redirectOutput(Redirect)}.
     *
     * @param redirect the destination
     * @return this command
     */
    public SandboxedCommand redirectOutput(Redirect redirect) {
        stdout = redirect;
        return this;
    }

    /**
     * Where the child's stderr goes, as {@link ProcessBuilder#redirectError(Redirect)}.
     *
     * @param redirect the destination
     * @return this command
     */
    public SandboxedCommand redirectError(Redirect redirect) {
        stderr = redirect;
        return this;
    }

    /**
     * Whether the child's stderr goes where its stdout goes, as {@link ProcessBuilder#redirectErrorStream(boolean)}.
     *
     * @param value true to merge them
     * @return this command
     */
    public SandboxedCommand redirectErrorStream(boolean value) {
        redirectErrorStream = value;
        return this;
    }

    /**
     * The child shares the JVM's stdin, stdout and stderr.
     *
     * @return this command
     */
    public SandboxedCommand inheritIO() {
        stdin = Redirect.INHERIT;
        stdout = Redirect.INHERIT;
        stderr = Redirect.INHERIT;
        return this;
    }

    /**
     * Runs the child on a new pseudo-terminal of the given size, as its controlling terminal: it line-buffers and
     * prints colours, and its stdout and stderr both arrive on {@link Process#getInputStream()}. The policy gains
     * read, write and ioctl rights on that one terminal device.
     *
     * @param columns the terminal's width
     * @param rows    the terminal's height
     * @return this command
     */
    public SandboxedCommand terminal(int columns, int rows) {
        this.terminal = true;
        this.columns = columns;
        this.rows = rows;
        return this;
    }

    /**
     * Whether the child runs on a pseudo-terminal.
     *
     * @return true after {@link #terminal(int, int)}
     */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * Traces the run: every filesystem and network access its processes attempt is seen before it happens and
     * judged against the run's ruleset ({@link SandboxedProcess#trace()}); Landlock still decides each one. Off by
     * default; an untraced launch costs nothing more.
     *
     * @return this command
     */
    public SandboxedCommand trace() {
        this.traced = true;
        return this;
    }

    /**
     * Traces the run and tells {@code listener} of each access as it happens, on the trace's own thread, while the
     * process waits: the listener must return quickly.
     *
     * @param listener told of each access
     * @return this command
     */
    public SandboxedCommand trace(TraceListener listener) {
        this.traced = true;
        this.traceListener = listener;
        return this;
    }

    /**
     * Where the program is resolved and the launch prepared, instead of from the child's environment and directory:
     * {@code paddock run} resolves a bare name on the caller's PATH, like landrun.
     *
     * @param context where the program is resolved, and what the kernel enforces
     * @return this command
     */
    public SandboxedCommand context(LaunchContext context) {
        this.context = context;
        return this;
    }

    /**
     * Starts the child in the sandbox.
     *
     * @return the running child, a {@link Process}
     * @throws IOException when the sandbox cannot be made or the child cannot start (a {@link SandboxException} says why)
     */
    public SandboxedProcess start() throws IOException {
        if (command.isEmpty()) {
            throw new SandboxException(SandboxException.Reason.COMMAND_NOT_FOUND, "no command was given to run");
        }
        Policy policy = sandbox.policy();
        Path workDir = LaunchPlan.workingDirectory(directory == null ? null : directory.getPath());
        Policy runPolicy = policy.toBuilder().command(command).build();
        LaunchContext where = context != null ? context
                : LaunchContext.forChild(environment, directory == null ? null : directory.getPath());
        Pty pty = terminal ? Pty.open(columns, rows) : null;
        Stdio stdio = null;
        try {
            stdio = pty != null ? Stdio.onTerminal(pty) : Stdio.of(stdin, stdout, stderr, redirectErrorStream);
            boolean ownSession = stdio.needsSession();
            SeccompFilter filter = SeccompFilter.build(Architecture.require(),
                    PolicyCompiler.seccompPlan(runPolicy, where.support()), ownSession,
                    traced ? Trace.CALLS : Set.of());
            Spawner.Pending pending = Spawner.begin(filter); // its thread installs the filter while this prepares
            Spawner.Spawned spawned = null;
            CompiledPolicy compiled;
            Trace trace = null;
            try {
                List<AddedRule> terminalRule = pty == null ? List.of() : List.of(new AddedRule(pty.slavePath(),
                        RightSet.of(READ_FILE, WRITE_FILE, IOCTL_DEV), Origin.TERMINAL));
                LaunchPlan plan = LaunchPlan.prepare(runPolicy, where, terminalRule);
                compiled = plan.compiled();
                compiled.requireRunnable(sandbox.allowsUnsandboxed());
                List<String> envp = new ArrayList<>();
                environment.forEach((key, value) -> envp.add(key + "=" + value));
                trace = traced ? new Trace(traceListener) : null;
                SpawnSpec spec = new SpawnSpec(plan.executable().toString(), command, envp,
                        directory == null ? null : workDir.toString(), stdio,
                        compiled.plan().restrictsAnything() ? compiled.plan() : null, filter, trace);
                Orphans.adopt();
                spawned = pending.spawn(spec);
            } catch (IOException | RuntimeException | Error e) {
                if (trace != null) {
                    trace.close();
                }
                throw e;
            } finally {
                if (spawned == null) {
                    pending.abandon(); // whatever was thrown, an Error too: no filtered thread waits on
                }
            }
            return new SandboxedProcess(spawned, compiled, stdio, pty, ownSession, trace);
        } catch (IOException | RuntimeException | Error e) {
            if (stdio != null) {
                stdio.close();
            } else if (pty != null) {
                pty.master().close();
            }
            throw e;
        }
    }
}
