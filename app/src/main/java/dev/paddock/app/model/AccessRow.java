package dev.paddock.app.model;

import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.trace.Access;
import dev.paddock.core.trace.Explainer;
import dev.paddock.core.trace.Fix;
import dev.paddock.core.trace.Verdict;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * One row of a run's Accesses view: a distinct access (the same operation on the same path or port, by the same
 * program, with the same verdict) and how many times it happened. Made and updated on the FX thread only.
 */
public final class AccessRow {
    private final int pid;
    private final String executable;
    private final Access access;
    private final Verdict verdict;
    private final Instant first;
    private final ReadOnlyLongWrapper count = new ReadOnlyLongWrapper(this, "count");
    private final ReadOnlyBooleanWrapper allowed = new ReadOnlyBooleanWrapper(this, "allowed");
    private Instant last;

    AccessRow(int pid, String executable, Access access, Verdict verdict, Instant first) {
        this.pid = pid;
        this.executable = executable;
        this.access = access;
        this.verdict = verdict;
        this.first = first;
        this.last = first;
    }

    void update(long times, Instant lastSeen) {
        count.set(times);
        last = lastSeen;
    }

    /** Paddock's own program: a call made by the spawned child before it ran the command. */
    private static final String SELF = ProcessHandle.current().info().command().orElse("");

    /**
     * The program's file name ("cat"); "paddock (spawn)" for the calls of the child before it ran the command
     * (it still runs Paddock's program then); "?" when Paddock could not read it.
     */
    public String process() {
        if (executable == null) {
            return "?";
        }
        return executable.equals(SELF) ? "paddock (spawn)" : Path.of(executable).getFileName().toString();
    }

    /** The program's full path, or null; and the pid of the first process seen doing this. */
    public String executable() {
        return executable;
    }

    public int pid() {
        return pid;
    }

    /** "read", "create the directory", "connect to TCP port". */
    public String operation() {
        return access.operation().words();
    }

    /** The path (with the second path of a rename or link), or the port. */
    public String target() {
        if (access.port() >= 0) {
            return (access.path() == null ? "" : access.path() + " ") + "port " + access.port();
        }
        String path = access.path() == null ? "" : access.path();
        return access.otherPath() == null ? path : path + " → " + access.otherPath();
    }

    /** What the ruleset made of it, in a few words: "allowed by /usr", "denied", "not restricted". */
    public String verdictLabel() {
        return switch (verdict.kind()) {
            case ALLOWED -> verdict.portRule() != null ? "allowed by port " + verdict.portRule().port()
                    : verdict.allowedBy().isEmpty() ? "allowed" : "allowed by " + verdict.allowedBy().stream()
                    .map(PlannedPathRule::shown).distinct().collect(Collectors.joining(", "));
            case DENIED -> verdict.errno() == Verdict.EXDEV ? "denied (EXDEV)" : "denied";
            case NOT_RESTRICTED -> verdict.reason().contains("on this kernel") ? "not restricted on this kernel"
                    : "not restricted";
            case UNDECIDED -> "decided by the kernel";
        };
    }

    /** One sentence: for a denial what was missing ("read_dir on /etc: no rule grants listing /etc ..."), else why. */
    public String sentence() {
        return Explainer.sentence(verdict);
    }

    public boolean denied() {
        return verdict.denied();
    }

    /** The smallest rule that would allow a denied access, or null. */
    public Fix fix() {
        return verdict.fix();
    }

    public Access access() {
        return access;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** Whether Allow has put this denial's rule into the profile in the editor. */
    public ReadOnlyBooleanProperty allowedProperty() {
        return allowed.getReadOnlyProperty();
    }

    void markAllowed() {
        allowed.set(true);
    }

    /** How many times it happened so far. */
    public ReadOnlyLongProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public Instant first() {
        return first;
    }

    public Instant last() {
        return last;
    }
}
