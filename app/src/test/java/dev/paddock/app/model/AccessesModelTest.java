package dev.paddock.app.model;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.trace.Access;
import dev.paddock.core.trace.Fix;
import dev.paddock.core.trace.Need;
import dev.paddock.core.trace.Operation;
import dev.paddock.core.trace.Trace;
import dev.paddock.core.trace.TraceEvent;
import dev.paddock.core.trace.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Accesses view model under a flood: a million events make one row per distinct access, never one per event,
 * and a few updates of the view a second; the trace's thread never waits for the view. One thread stands in for the
 * FX thread, as the app's scheduler hands every update to one thread.
 */
class AccessesModelTest {
    private static final int EVENTS = 1_000_000;
    private final ScheduledExecutorService fx = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        fx.shutdownNow();
    }

    private AccessesModel model() {
        return new AccessesModel((delay, task) -> fx.schedule(task, delay, TimeUnit.NANOSECONDS), System::nanoTime);
    }

    static TraceEvent event(String path, boolean denied, Instant time) {
        Access access = new Access(Operation.READ, path, null, -1, List.of(new Need.OnPath(path, false,
                Set.of(FsAccess.READ_FILE), Need.Role.OBJECT)));
        Verdict verdict = denied
                ? new Verdict(Verdict.Kind.DENIED, Set.of(FsAccess.READ_FILE), path, List.of(), null, Verdict.EACCES,
                "no rule grants read_file on " + path + " or a directory above it",
                Fix.onFile(path, Set.of(FsAccess.READ_FILE)))
                : new Verdict(Verdict.Kind.ALLOWED, Set.of(), null, List.of(), null, 0, "allowed", null);
        return new TraceEvent(time, 42, "/usr/bin/cat", access, verdict);
    }

    /** Waits for the last scheduled update, then makes the final one, on the stand-in FX thread. */
    private void settle(AccessesModel model) throws Exception {
        fx.submit(() -> { }).get(10, TimeUnit.SECONDS);
        TimeUnit.NANOSECONDS.sleep(AccessesModel.INTERVAL_NANOS * 2);
        fx.submit(model::finish).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMillionRepeatsMakeOneRowPerDistinctAccessAndAFewUpdatesASecond() throws Exception {
        AccessesModel model = model();
        Instant now = Instant.now();
        List<TraceEvent> distinct = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> event("/data/file" + i, i % 100 == 0, now)).toList();
        long began = System.nanoTime();
        ExecutorService tracers = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            int offset = t;
            tracers.submit(() -> {
                for (int i = offset; i < EVENTS; i += 2) {
                    model.onAccess(distinct.get(i % distinct.size()));
                }
            });
        }
        tracers.shutdown();
        assertTrue(tracers.awaitTermination(60, TimeUnit.SECONDS));
        settle(model);
        long elapsed = System.nanoTime() - began;

        assertEquals(1000, model.rows().size(), "one row per distinct access");
        assertEquals(EVENTS, model.rows().stream().mapToLong(r -> r.countProperty().get()).sum());
        assertEquals(EVENTS, model.eventsProperty().get());
        assertEquals(EVENTS / 100, model.deniedProperty().get());
        assertEquals(0, model.droppedProperty().get());
        // one batch an interval, and on a loaded machine a late one may run just before the next: bounded by time,
        // never by the million events
        long bound = 3 + 2 * (elapsed / AccessesModel.INTERVAL_NANOS);
        assertTrue(model.updatesProperty().get() <= bound, model.updatesProperty().get() + " updates in "
                + elapsed / 1_000_000 + " ms; at most " + bound + " allowed");
        assertTrue(model.updatesProperty().get() < 1000, "far fewer updates than events");
    }

    @Test
    void aMillionDistinctAccessesAreBoundedAndCounted() throws Exception {
        AccessesModel model = model();
        Instant now = Instant.now();
        for (int i = 0; i < EVENTS; i++) {
            model.onAccess(event("/data/" + i, i % 10 == 0, now));
        }
        settle(model);
        int rows = model.rows().size();
        assertEquals(Trace.MAX_ENTRIES + Trace.MAX_DENIALS, rows, "the bound of the core trace");
        assertEquals(Trace.MAX_DENIALS, model.rows().stream().filter(AccessRow::denied).count(),
                "denials have a bound of their own, so allowed accesses never crowd them out");
        assertEquals(EVENTS - rows, model.droppedProperty().get());
        assertEquals(EVENTS, model.rows().stream().mapToLong(r -> r.countProperty().get()).sum()
                + model.droppedProperty().get());
    }

    @Test
    void filtersShowDeniedOnlyAndMatchProcessOperationAndPath() throws Exception {
        AccessesModel model = model();
        Instant now = Instant.now();
        model.onAccess(event("/etc/passwd", true, now));
        model.onAccess(event("/usr/lib/libc.so.6", false, now));
        model.onAccess(event("/usr/lib/libc.so.6", false, now));
        settle(model);
        assertEquals(2, model.shown().size());
        model.deniedOnlyProperty().set(true);
        assertEquals(List.of("/etc/passwd"), model.shown().stream().map(AccessRow::target).toList());
        assertEquals("read_file on /etc/passwd: no rule grants reading /etc/passwd or a folder above it",
                model.shown().get(0).sentence());
        model.deniedOnlyProperty().set(false);
        model.pathProperty().set("LIBC");
        assertEquals(List.of(2L), model.shown().stream().map(r -> r.countProperty().get()).toList());
        model.processProperty().set("python");
        assertTrue(model.shown().isEmpty());
        model.processProperty().set("ca");
        model.operationProperty().set(Operation.WRITE);
        assertTrue(model.shown().isEmpty());
        model.operationProperty().set(Operation.READ);
        assertEquals(1, model.shown().size());
    }

    @Test
    void anOutputLineIsTiedToADenialOnlyWhenItSaysTheErrorAndNamesThePathSoonAfter() throws Exception {
        AccessesModel model = model();
        Instant now = Instant.now();
        model.onAccess(event("/tmp/work/secret", true, now));
        model.onAccess(event("/tmp/work/open", false, now));
        // before the view's next update: the line is tied all the same
        assertEquals("/tmp/work/secret", model.denialFor("cat: /tmp/work/secret: Permission denied", now)
                .orElseThrow().target());
        assertTrue(model.denialFor("cat: secret: Permission denied", now).isPresent(), "a relative path");
        assertTrue(model.denialFor("PermissionError: [Errno 13] Permission denied: './work/secret'", now)
                .isPresent(), "quoted, relative to a folder above");
        assertFalse(model.denialFor("cat: /tmp/work/secret", now).isPresent(), "no error in the line");
        assertFalse(model.denialFor("cat: /tmp/work/open: Permission denied", now).isPresent(),
                "an allowed access is no denial");
        assertFalse(model.denialFor("cat: /tmp/other/secret: Permission denied", now).isPresent(),
                "another folder");
        assertFalse(model.denialFor("cat: ecret: Permission denied", now).isPresent(), "a part of a name");
        assertFalse(model.denialFor("cat: /tmp/work/secret: Permission denied", now.plusSeconds(60)).isPresent(),
                "a minute later it may be anything");
    }
}
