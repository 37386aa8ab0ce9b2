package dev.paddock.app.model;

import dev.paddock.core.interop.Export;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.profile.Profile;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the profile in the editor means on this kernel, kept up to date as it changes: the prediction
 * ({@link PredictionModel}) and the exports ({@link ExportsModel}).
 *
 * <p>Preparing a launch reads the disk (the program, its ELF headers, the ld.so cache), so an edit made on the FX
 * thread is computed on one background thread and published back on the FX thread: typing never waits on it. Fast
 * edits coalesce: only the latest profile is computed, and a result that an edit has overtaken is dropped. Called
 * from any other thread (a test, a tool without a toolkit), {@link #update} computes at once.
 */
public final class InsightModel {

    /** One profile to compute, numbered in the order of the edits. */
    private record Request(Profile profile, Path file, long number) {
    }

    /** What a request produced. */
    private record Computed(PredictionModel.Result prediction, Map<ExportsModel.Format, Export> exports) {
    }

    private final KernelModel kernel;
    private final PredictionModel prediction = new PredictionModel();
    private final ExportsModel exports;
    private final ReadOnlyBooleanWrapper settled = new ReadOnlyBooleanWrapper(this, "settled", true);
    /** The latest request no worker has taken yet. */
    private final AtomicReference<Request> pending = new AtomicReference<>();
    /** One daemon thread, started on the first edit and ended after a minute without one. */
    private final ExecutorService worker;
    /** The number of the latest request, and of the latest whose insight is shown. */
    private volatile long requested;
    private volatile long shown;
    /** The latest profile asked for (null when invalid) and its file, for {@link #reportNow()}. */
    private volatile Request latest = new Request(null, null, 0);

    /** {@code paddock}: the words that start the paddock command line, for the systemd and desktop exports. */
    public InsightModel(KernelModel kernel, List<String> paddock) {
        this.kernel = kernel;
        this.exports = new ExportsModel(paddock);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "paddock-insight");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.worker = pool;
    }

    /** Recomputes everything for a profile (null when the editor holds something invalid) saved at file (or null). */
    public void update(Profile profile, Path file) {
        Request request = new Request(profile, file, ++requested);
        latest = request;
        if (profile == null) {
            pending.set(null);
            publish(request, new Computed(PredictionModel.Result.problem(
                    "the profile is not valid; the red line above its sections says why"), null));
            return;
        }
        if (!Platform.isFxApplicationThread()) {
            pending.set(null);
            publish(request, compute(request));
            return;
        }
        settled.set(false);
        pending.set(request);
        worker.execute(this::computeLatest);
    }

    /** Nothing to predict or export: a file could not be opened, for this reason. */
    public void cannotOpen(String error) {
        Request request = new Request(null, null, ++requested);
        latest = request;
        pending.set(null);
        publish(request, new Computed(PredictionModel.Result.problem("the file cannot be opened: " + error),
                Map.of()));
    }

    /** On the worker: computes the latest request, if no earlier run of this took it, and publishes it. */
    private void computeLatest() {
        Request request = pending.getAndSet(null);
        if (request == null) {
            return;
        }
        Computed computed = compute(request);
        Platform.runLater(() -> {
            if (request.number() == requested) {
                publish(request, computed);
            }
        });
    }

    private Computed compute(Request request) {
        PredictionModel.Result result;
        try {
            result = PredictionModel.compute(request.profile(), request.file(), kernel.support());
        } catch (RuntimeException e) {
            result = PredictionModel.Result.problem("cannot predict: " + e);
        }
        return new Computed(result, exports.compute(request.profile(), request.file()));
    }

    /** Shows a result (the exports stay as they were when it has none) and says the insight has settled. */
    private void publish(Request request, Computed computed) {
        prediction.show(computed.prediction());
        if (computed.exports() != null) {
            exports.show(computed.exports());
        }
        shown = request.number();
        settled.set(request.number() == requested);
    }

    /**
     * The report of the latest profile: the one shown once the insight has settled, else computed now (a Run must
     * not act on the report of an earlier edit). Null while the profile is not valid or cannot be compiled.
     */
    public EnforcementReport reportNow() {
        Request request = latest;
        if (shown == request.number() || request.profile() == null) {
            return prediction.reportProperty().get();
        }
        return PredictionModel.compute(request.profile(), request.file(), kernel.support()).report();
    }

    /**
     * Waits, on a thread other than the FX thread, until the insight of the latest edit made so far is shown: first
     * for the FX thread to handle what is queued (an edit a test has just made), then for the worker's result.
     * Returns false if that takes longer than the timeout.
     */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("awaitSettled would block the FX thread it waits for");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        CountDownLatch queued = new CountDownLatch(1);
        try {
            Platform.runLater(queued::countDown);
        } catch (IllegalStateException noToolkit) {
            queued.countDown(); // no FX thread: every update was computed at once
        }
        if (!queued.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        while (shown != requested) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        CountDownLatch published = new CountDownLatch(1);
        try {
            Platform.runLater(published::countDown); // what the views bound to the properties do with them is done
        } catch (IllegalStateException noToolkit) {
            published.countDown();
        }
        return published.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** True when what is shown is the insight of the latest edit; false while the worker computes it. */
    public ReadOnlyBooleanProperty settledProperty() {
        return settled.getReadOnlyProperty();
    }

    /** The enforcement prediction, the system calls and the rules add-exec and ldd add. */
    public PredictionModel prediction() {
        return prediction;
    }

    /** Every export format. */
    public ExportsModel exports() {
        return exports;
    }

    /** The kernel the prediction is for. */
    public KernelModel kernel() {
        return kernel;
    }
}
