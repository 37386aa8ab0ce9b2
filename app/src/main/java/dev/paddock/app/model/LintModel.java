package dev.paddock.app.model;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.lint.Concern;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.Lint;
import dev.paddock.core.lint.LintContext;
import dev.paddock.core.lint.Severity;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lint of the profile in the editor, for the Warnings tab: its findings, how many are open (not accepted by the
 * profile) and the worst of them. The lint reads the disk (links, checkouts, key stores, the machine's UNIX sockets),
 * so it runs on a thread of its own, never the FX thread: edits in quick succession are coalesced into one lint of
 * the newest profile, and a result that an edit has overtaken is dropped.
 */
public final class LintModel {
    /** How long the lint waits for the next keystroke before it starts. */
    static final long SETTLE_MILLIS = 150;

    private record Request(long id, Profile profile, Path file) {
    }

    private final LandlockSupport support;
    private final Map<String, String> environment;
    private final ObservableList<PathRow> rows;
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<Finding> readOnlyFindings = FXCollections.unmodifiableObservableList(findings);
    private final ReadOnlyIntegerWrapper open = new ReadOnlyIntegerWrapper(this, "open");
    private final ReadOnlyObjectWrapper<Severity> worst = new ReadOnlyObjectWrapper<>(this, "worst");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "paddock-lint");
        thread.setDaemon(true);
        return thread;
    });
    /** How many lints ran: fewer than the edits when edits come fast. */
    private final AtomicInteger lints = new AtomicInteger();
    /** The newest request, as the FX thread made it. */
    private long newest;

    /** {@code rows}: the editor's path rows, so that a finding can name the row it concerns. */
    public LintModel(LandlockSupport support, ObservableList<PathRow> rows) {
        this(support, System.getenv(), rows);
    }

    LintModel(LandlockSupport support, Map<String, String> environment, ObservableList<PathRow> rows) {
        this.support = support;
        this.environment = Map.copyOf(environment);
        this.rows = rows;
    }

    /** Lints a profile (null when the editor holds something invalid), soon and off the FX thread. */
    public void update(Profile profile, Path file) {
        Request request = new Request(++newest, profile, file);
        checking.set(true);
        if (pending.getAndSet(request) == null) {
            worker.schedule(this::work, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Nothing to lint: a file could not be opened, for this reason. */
    public void cannotOpen(String error) {
        newest++;
        pending.set(null);
        show(List.of(), "the file cannot be opened: " + error);
    }

    private void work() {
        Request request = pending.getAndSet(null);
        if (request == null) {
            return;
        }
        List<Finding> result = List.of();
        String why = "";
        if (request.profile() == null) {
            why = "the profile is not valid; the red line above its sections says why";
        } else {
            try {
                LintContext context = new LintContext(support, environment, Path.of(""), request.file(),
                        LintContext.PROC_NET_UNIX);
                lints.incrementAndGet();
                result = Lint.of(context).check(request.profile());
            } catch (ProfileException | RuntimeException e) {
                why = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        List<Finding> found = result;
        String reason = why;
        Platform.runLater(() -> {
            if (request.id() == newest) {
                show(found, reason);
            }
        });
    }

    private void show(List<Finding> result, String why) {
        // the counts first, so that a view redrawn on the list's change reads the new ones
        open.set((int) result.stream().filter(finding -> !finding.isAccepted()).count());
        worst.set(result.stream().filter(finding -> !finding.isAccepted()).map(Finding::severity)
                .min(Enum::compareTo).orElse(null));
        problem.set(why);
        findings.setAll(result);
        checking.set(false);
    }

    /** How many lints have run so far. */
    int lintsRun() {
        return lints.get();
    }

    /** The index of the editor's path row a finding concerns, or -1 when it concerns no path row. */
    public int rowOf(Finding finding) {
        if (finding.concern().kind() != Concern.Kind.PATH) {
            return -1;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).pathProperty().get().equals(finding.concern().subject())) {
                return i;
            }
        }
        return -1;
    }

    /** The findings, errors first; accepted ones too, marked. */
    public ObservableList<Finding> findings() {
        return readOnlyFindings;
    }

    /** How many findings the profile does not accept: the badge's count. */
    public ReadOnlyIntegerProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** The severity of the worst open finding, or null when there is none. */
    public ReadOnlyObjectProperty<Severity> worstProperty() {
        return worst.getReadOnlyProperty();
    }

    /** Whether a lint is waiting or running for the newest profile. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** Why there are no findings to show (an invalid profile, a variable not set), or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
