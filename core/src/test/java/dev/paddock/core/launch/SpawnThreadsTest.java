package dev.paddock.core.launch;

import dev.paddock.core.sys.Constants;
import dev.paddock.core.sys.LibC;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spawn threads started ahead of the launches: each runs one task and ends with it, a waiting thread is the one
 * that runs the next task, and what a task does to its thread (as a spawn confines it) reaches no other thread.
 */
class SpawnThreadsTest {

    @Test
    void everyTaskRunsOnAThreadOfItsOwnThatEndsWithIt() throws Exception {
        Set<Thread> used = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            Thread thread = SpawnThreads.start(() -> ran.complete(Thread.currentThread()));
            assertSame(thread, ran.get(10, TimeUnit.SECONDS), "the task runs on the thread start() returns");
            thread.join(10_000);
            assertFalse(thread.isAlive(), "the thread ends with its task");
            assertTrue(used.add(thread), "a thread ran a second task");
            SpawnThreads.prepareNext();
        }
    }

    @Test
    void theThreadThatWaitsIsTheOneThatRunsTheNextTask() throws Exception {
        SpawnThreads.prepareNext();
        Thread waiting = waitingThread();
        CompletableFuture<String> ran = new CompletableFuture<>();
        Thread thread = SpawnThreads.start(() -> ran.complete(Thread.currentThread().getName()));
        assertSame(waiting, thread);
        assertEquals(SpawnThreads.NAME, ran.get(10, TimeUnit.SECONDS));
        thread.join(10_000);
        assertFalse(thread.isAlive());
    }

    @Test
    void whatATaskDoesToItsThreadReachesNoOtherThread() throws Exception {
        for (int i = 0; i < 20; i++) {
            CompletableFuture<Integer> set = new CompletableFuture<>();
            Thread thread = SpawnThreads.start(
                    () -> set.complete(LibC.prctl(Constants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)));
            assertEquals(0, set.get(10, TimeUnit.SECONDS));
            thread.join(10_000);
            SpawnThreads.prepareNext();
        }
        waitingThread();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                Optional<String> status = read(task.resolve("status"));
                status.ifPresent(text -> assertTrue(text.contains("\nNoNewPrivs:\t0\n"),
                        task + " kept what a task did to its own thread:\n" + text));
            }
        }
    }

    /** The thread the maker started to wait for the next task; the maker runs in the background. */
    private static Thread waitingThread() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!SpawnThreads.ready()) {
                Thread.sleep(5);
                continue;
            }
            Optional<Thread> waiting = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("paddock-spawn-waiting")).findFirst();
            if (waiting.isPresent()) {
                return waiting.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no spawn thread was waiting 10 s after prepareNext()");
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException gone) {
            return Optional.empty(); // a thread that ended while we looked
        }
    }
}
