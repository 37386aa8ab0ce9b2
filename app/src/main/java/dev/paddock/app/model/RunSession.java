package dev.paddock.app.model;

import dev.paddock.app.console.RunOutput;
import dev.paddock.core.launch.ExitStatus;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.util.Duration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of a profile: the sandboxed child on a pseudo-terminal, its output on its way to a console, its elapsed
 * time, and how it ended. The run lasts while any process it started is alive: a first process that exits and
 * leaves others in the background does not end it. Stop sends SIGTERM to every process of the run, then SIGKILL
 * after {@link #GRACE_SECONDS}.
 */
public final class RunSession {
    public static final int GRACE_SECONDS = 5;

    /** Where the run is. */
    public enum State { RUNNING, STOPPING, EXITED, FAILED }

    private final String title;
    private final RunOutput output = new RunOutput();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.RUNNING);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "starting");
    private final ReadOnlyObjectWrapper<EnforcementReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<ExitStatus> exit = new ReadOnlyObjectWrapper<>(this, "exit");
    private final long started = System.nanoTime();
    private final Timeline clock;
    private SandboxedProcess process;
    private long stopRequested;
    private final AccessesModel accesses;
    private final SimpleIntegerProperty background = new SimpleIntegerProperty(this, "background", 0);

    private RunSession(String title, AccessesModel accesses) {
        this.title = title;
        this.accesses = accesses;
        clock = new Timeline(new KeyFrame(Duration.millis(200), e -> tick()));
        clock.setCycleCount(Timeline.INDEFINITE);
    }

    /**
     * Starts the profile in a sandbox, on a terminal of the given size or, when {@code terminal} is false, on pipes
     * (then stdout and stderr stay apart); a failure is shown in the session.
     */
    public static RunSession start(Profile profile, Path file, boolean terminal, int columns, int rows,
                                   boolean allowUnsandboxed) {
        return start(profile, profile.name(), file, terminal, columns, rows, allowUnsandboxed);
    }

    /** As {@link #start(Profile, Path, boolean, int, int, boolean)}, with the title its tab shows. */
    public static RunSession start(Profile profile, String title, Path file, boolean terminal, int columns, int rows,
                                   boolean allowUnsandboxed) {
        return start(profile, title, file, terminal, columns, rows, allowUnsandboxed, false);
    }

    /**
     * As {@link #start(Profile, String, Path, boolean, int, int, boolean)}; a {@code traced} run also shows what it
     * tried, with each access's verdict, in its {@link #accesses()}.
     */
    public static RunSession start(Profile profile, String title, Path file, boolean terminal, int columns, int rows,
                                   boolean allowUnsandboxed, boolean traced) {
        RunSession session = new RunSession(title, traced ? new AccessesModel() : null);
        try {
            Policy policy = PathVariables.ofProcess(file).expand(profile.policy());
            if (policy.command().isEmpty()) {
                throw new IOException("the profile has no command: set one in the Command section");
            }
            Sandbox sandbox = allowUnsandboxed ? Sandbox.of(policy).allowingUnsandboxed() : Sandbox.of(policy);
            var command = sandbox.command();
            if (session.accesses != null) {
                command.trace(session.accesses);
            }
            session.process = (terminal ? command.terminal(columns, rows) : command).start();
            session.process.trace().ifPresent(trace -> session.accesses.attach(trace));
            session.report.set(session.process.report());
            session.output.message("[paddock] " + String.join(" ", policy.command()) + "  (pid "
                    + session.process.pid() + ", " + Prediction.summary(session.process.report()) + ")\r\n");
            session.process.report().warnings().forEach(warning ->
                    session.output.message("[paddock] warning: " + warning + "\r\n"));
            session.readInBackground(session.process.getInputStream(), RunOutput.Source.STDOUT);
            if (!terminal) {
                session.readInBackground(session.process.getErrorStream(), RunOutput.Source.STDERR);
            }
            session.process.onExit().thenRun(session::awaitBackground);
            session.clock.play();
        } catch (IOException | ProfileException | IllegalArgumentException e) {
            session.output.message("[paddock] could not start: " + e.getMessage() + "\r\n");
            session.state.set(State.FAILED);
            session.status.set("could not start");
        }
        return session;
    }

    private void readInBackground(InputStream in, RunOutput.Source source) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[256 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (!output.put(source, buffer, n)) {
                        return;
                    }
                }
            } catch (IOException e) {
                output.message("[paddock] output stopped: " + e.getMessage() + "\r\n");
            }
        }, "paddock-" + source.name().toLowerCase(Locale.ROOT) + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private void tick() {
        double seconds = (System.nanoTime() - started) / 1e9;
        if (state.get() == State.STOPPING) {
            double left = GRACE_SECONDS - (System.nanoTime() - stopRequested) / 1e9;
            if (left <= 0) {
                process.destroyForcibly();
                status.set("killing (SIGKILL) after " + tenths(seconds) + " s");
            } else {
                status.set("stopping: SIGKILL in " + tenths(left) + " s");
            }
        } else if (state.get() == State.RUNNING) {
            int left = background.get();
            status.set(left == 0 ? "running " + tenths(seconds) + " s"
                    : "background: " + left + (left == 1 ? " process, " : " processes, ") + tenths(seconds) + " s");
        }
    }

    /** Seconds with one decimal, as "12.3": five times a second, so without the cost of a Formatter. */
    static String tenths(double seconds) {
        long tenths = Math.round(Math.max(0, seconds) * 10);
        return tenths / 10 + "." + tenths % 10;
    }

    /** On the reaper's thread: waits until no process of the run is left, telling the console what still runs. */
    private void awaitBackground() {
        int shown = 0;
        List<Integer> left = process.liveProcesses();
        while (!left.isEmpty()) {
            if (left.size() != shown) {
                int count = left.size();
                String how = process.exitStatus().map(ExitStatus::describe).orElse("ended");
                Platform.runLater(() -> backgroundLeft(how, count));
                shown = count;
            }
            LockSupport.parkNanos(BACKGROUND_POLL_NANOS);
            left = process.liveProcesses();
        }
        Platform.runLater(this::finished);
    }

    private static final long BACKGROUND_POLL_NANOS = 250_000_000L;

    private void backgroundLeft(String how, int count) {
        String processes = count == 1 ? "1 process" : count + " processes";
        output.message("\r\n[paddock] the first process " + how + "; " + processes + " it started "
                + (count == 1 ? "is" : "are") + " still running in the background (Stop ends them)\r\n");
        if (state.get() == State.RUNNING) {
            background.set(count);
        }
    }

    private void finished() {
        clock.stop();
        if (accesses != null) {
            accesses.finish();
        }
        ExitStatus ended = process.exitStatus().orElse(null);
        exit.set(ended);
        state.set(State.EXITED);
        double seconds = (System.nanoTime() - started) / 1e9;
        String how = ended == null ? "ended" : ended.describe();
        status.set(String.format(Locale.ROOT, "%s after %.1f s", how, seconds));
        output.message("\r\n[paddock] " + how + "\r\n");
    }

    // Commands

    /** SIGTERM to every process of the run now, SIGKILL when the grace period is over. */
    public void stop() {
        if (state.get() != State.RUNNING) {
            return;
        }
        stopRequested = System.nanoTime();
        state.set(State.STOPPING);
        process.destroy();
        tick();
    }

    /** Sends a line to the child's terminal. */
    public void send(String line) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            output.message("[paddock] cannot send input: " + e.getMessage() + "\r\n");
        }
    }

    /** Tells the terminal its new size. */
    public void resize(int columns, int rows) {
        if (process != null) {
            process.resizeTerminal(columns, rows);
        }
    }

    // Properties

    public String title() {
        return title;
    }

    public RunOutput output() {
        return output;
    }

    /** What a traced run tried, with each access's verdict; null when the run is not traced. */
    public AccessesModel accesses() {
        return accesses;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the kernel enforces on this run, or null if it did not start. */
    public ReadOnlyObjectProperty<EnforcementReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Whether the run has ended with exit code 0. */
    public boolean succeeded() {
        ExitStatus status = exit.get();
        return status != null && status.exitValue() == 0;
    }

    public ReadOnlyObjectProperty<ExitStatus> exitProperty() {
        return exit.getReadOnlyProperty();
    }

    public boolean isActive() {
        State now = state.get();
        return now == State.RUNNING || now == State.STOPPING;
    }
}
