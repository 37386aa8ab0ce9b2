package dev.paddock.app.model;

import dev.paddock.core.trace.AccessModel;
import dev.paddock.core.trace.Operation;
import dev.paddock.core.trace.Trace;
import dev.paddock.core.trace.TraceEvent;
import dev.paddock.core.trace.TraceListener;
import dev.paddock.core.trace.Verdict;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What a traced run tried, for its Accesses view: one {@link AccessRow} per distinct access (repeats are counted, not
 * kept), filterable by verdict, process, operation and path.
 *
 * <p>The trace's thread hands in every event ({@link #onAccess}) and never waits for the FX thread: it counts the
 * event in a concurrent map and queues the access's tally once until it is shown. The FX thread takes what changed
 * in one batch, at most once every {@link #INTERVAL_NANOS}, so a run of a million accesses costs the window a few
 * updates a second, whatever the rate. Distinct accesses are bounded as in the core {@link Trace}: past
 * {@link Trace#MAX_ENTRIES} allowed and {@link Trace#MAX_DENIALS} denied ones, new ones are only counted in
 * {@link #droppedProperty()}.
 */
public final class AccessesModel implements TraceListener {
    /** The shortest time between two updates of the view. */
    public static final long INTERVAL_NANOS = 250_000_000L;

    /** Runs a task on the FX thread after a delay. */
    @FunctionalInterface
    public interface Scheduler {
        void later(long delayNanos, Runnable onFx);
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "paddock-accesses");
        thread.setDaemon(true);
        return thread;
    });

    /** The app's scheduler: a timer thread that hands the task to the FX thread. */
    public static final Scheduler FX = (delay, task) -> TIMER.schedule(() -> Platform.runLater(task), delay,
            TimeUnit.NANOSECONDS);

    private record Key(String executable, Operation operation, String path, String otherPath, int port,
                       Verdict.Kind kind) {
    }

    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Key, Tally> tallies = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Tally> changed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger allowedKept = new AtomicInteger();
    private final AtomicInteger deniedKept = new AtomicInteger();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong deniedEvents = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final DenialLines denials = new DenialLines();
    private volatile long lastUpdate = Long.MIN_VALUE / 2;

    // FX thread only
    private final ObservableList<AccessRow> rows = FXCollections.observableArrayList();
    private final FilteredList<AccessRow> shown = new FilteredList<>(rows);
    private final BooleanProperty deniedOnly = new SimpleBooleanProperty(this, "deniedOnly");
    private final StringProperty process = new SimpleStringProperty(this, "process", "");
    private final ObjectProperty<Operation> operation = new SimpleObjectProperty<>(this, "operation");
    private final StringProperty path = new SimpleStringProperty(this, "path", "");
    private final ReadOnlyLongWrapper eventCount = new ReadOnlyLongWrapper(this, "events");
    private final ReadOnlyLongWrapper deniedCount = new ReadOnlyLongWrapper(this, "denied");
    private final ReadOnlyLongWrapper droppedCount = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyLongWrapper updates = new ReadOnlyLongWrapper(this, "updates");
    private final ReadOnlyObjectWrapper<AccessModel> model = new ReadOnlyObjectWrapper<>(this, "model");

    /** A model whose view is updated on the FX thread, a few times a second at most. */
    public AccessesModel() {
        this(FX, System::nanoTime);
    }

    /** With the scheduler and clock given (tests). */
    public AccessesModel(Scheduler scheduler, LongSupplier clock) {
        this.scheduler = scheduler;
        this.clock = clock;
        shown.predicateProperty().bind(Bindings.createObjectBinding(this::filter, deniedOnly, process, operation,
                path));
    }

    // The trace's thread

    @Override
    public void onAccess(TraceEvent event) {
        events.incrementAndGet();
        if (event.verdict().denied()) {
            deniedEvents.incrementAndGet();
        }
        Key key = new Key(event.executable(), event.access().operation(), event.access().path(),
                event.access().otherPath(), event.access().port(), event.verdict().kind());
        Tally tally = tallies.get(key);
        if (tally == null) {
            tally = keep(key, event);
            if (tally == null) {
                dropped.incrementAndGet();
                schedule();
                return;
            }
        }
        tally.count.incrementAndGet();
        tally.last = event.time();
        if (tally.dirty.compareAndSet(false, true)) {
            changed.add(tally);
        }
        schedule();
    }

    /** A tally for a new distinct access, or null once the bound for its kind is reached. */
    private Tally keep(Key key, TraceEvent event) {
        boolean denied = event.verdict().denied();
        AtomicInteger kept = denied ? deniedKept : allowedKept;
        if (kept.incrementAndGet() > (denied ? Trace.MAX_DENIALS : Trace.MAX_ENTRIES)) {
            kept.decrementAndGet();
            return tallies.get(key); // another thread may have kept it meanwhile
        }
        Tally fresh = new Tally(event);
        Tally existing = tallies.putIfAbsent(key, fresh);
        if (existing != null) {
            kept.decrementAndGet();
            return existing;
        }
        if (denied) {
            denials.add(fresh);
        }
        return fresh;
    }

    /** Asks for one update of the view, unless one is already on its way; never sooner than the interval allows. */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastUpdate + INTERVAL_NANOS - clock.getAsLong());
            scheduler.later(wait, this::update);
        }
    }

    // The FX thread

    /** Shows what changed since the last update: new rows in one change, new counts, the totals. */
    void update() {
        scheduled.set(false);
        lastUpdate = clock.getAsLong();
        updates.set(updates.get() + 1);
        List<AccessRow> added = new ArrayList<>();
        for (Tally tally = changed.poll(); tally != null; tally = changed.poll()) {
            tally.dirty.set(false);
            boolean fresh = tally.row == null;
            tally.row().update(tally.count.get(), tally.last);
            if (fresh) {
                added.add(tally.row);
            }
        }
        rows.addAll(added);
        eventCount.set(events.get());
        deniedCount.set(deniedEvents.get());
        droppedCount.set(dropped.get());
    }

    /** After the run: everything the trace saw is shown now, not at the next update. */
    public void finish() {
        update();
    }

    /** The run's ruleset model, for explanations; set when the traced launch has started. */
    public void attach(Trace trace) {
        model.set(trace.model());
    }

    /**
     * The denial an output line reports, when Paddock can tell: the line says "Permission denied" or "Operation not
     * permitted", names the denied path (whole, or relative to where it was), and came soon after the denial.
     */
    public Optional<AccessRow> denialFor(String line, Instant at) {
        Tally tally = denials.find(line, at);
        if (tally == null) {
            return Optional.empty();
        }
        if (tally.row == null) {
            update(); // the denial came before the view's next update: show it now, so the line can lead to it
        }
        return Optional.of(tally.row());
    }

    private Predicate<AccessRow> filter() {
        boolean denied = deniedOnly.get();
        String who = process.get().strip().toLowerCase(Locale.ROOT);
        Operation what = operation.get();
        String where = path.get().strip().toLowerCase(Locale.ROOT);
        return row -> (!denied || row.denied()) && (what == null || row.access().operation() == what)
                && (who.isEmpty() || row.process().toLowerCase(Locale.ROOT).contains(who))
                && (where.isEmpty() || row.target().toLowerCase(Locale.ROOT).contains(where));
    }

    // Properties

    /** Every distinct access shown so far, in the order first shown. */
    public ObservableList<AccessRow> rows() {
        return rows;
    }

    /** The rows the filters let through. */
    public FilteredList<AccessRow> shown() {
        return shown;
    }

    public BooleanProperty deniedOnlyProperty() {
        return deniedOnly;
    }

    /** Text the process's name must contain; "" for any. */
    public StringProperty processProperty() {
        return process;
    }

    /** The operation to show; null for any. */
    public ObjectProperty<Operation> operationProperty() {
        return operation;
    }

    /** Text the path or port must contain; "" for any. */
    public StringProperty pathProperty() {
        return path;
    }

    /** Accesses seen, repeats included, as of the last update. */
    public ReadOnlyLongProperty eventsProperty() {
        return eventCount.getReadOnlyProperty();
    }

    /** Denied accesses, repeats included, as of the last update. */
    public ReadOnlyLongProperty deniedProperty() {
        return deniedCount.getReadOnlyProperty();
    }

    /** Accesses (repeats included) of the distinct ones not kept because the bound was reached. */
    public ReadOnlyLongProperty droppedProperty() {
        return droppedCount.getReadOnlyProperty();
    }

    /** How many times the view was updated. */
    public ReadOnlyLongProperty updatesProperty() {
        return updates.getReadOnlyProperty();
    }

    /** The run's ruleset model, or null before the launch. */
    public ReadOnlyObjectProperty<AccessModel> modelProperty() {
        return model.getReadOnlyProperty();
    }
}
