package dev.paddock.core.launch;

import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.LibC;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
                    () -> set.complete(LibC.prctl(ProcessConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)));
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

    @Test
    void aCallerWithNoNewPrivsGetsAThreadStartedFromItsOwn() throws Exception {
        SpawnThreads.prepareNext();
        waitingThread();
        CompletableFuture<Integer> childFlag = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                assertEquals(0, LibC.prctl(ProcessConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
                Thread thread = SpawnThreads.start(() -> childFlag.complete(LibC.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0,
                        0)));
                thread.join(10_000);
            } catch (Throwable e) {
                childFlag.completeExceptionally(e);
            }
        });
        caller.start();
        assertEquals(1, childFlag.get(10, TimeUnit.SECONDS), "the spawn thread did not inherit the caller's flag");
        caller.join(10_000);
        assertEquals(0, LibC.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
        assertTrue(SpawnThreads.ready(), "the waiting thread was taken by a caller that carries no_new_privs");
    }

    @Test
    void launchesFromAThreadWithNoNewPrivsLeaveNoSuchThreadBehind() throws Exception {
        Sandbox sandbox = Sandbox.builder().readExec("/usr").build();
        CompletableFuture<Void> launched = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                assertEquals(0, LibC.prctl(ProcessConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
                List<Process> running = new ArrayList<>(); // at once, so that the reapers cannot all be reused
                for (int i = 0; i < 4; i++) {
                    running.add(sandbox.command("/usr/bin/sleep", "0.3").start());
                }
                for (Process process : running) {
                    assertEquals(0, process.waitFor());
                }
                launched.complete(null);
            } catch (Throwable e) {
                launched.completeExceptionally(e);
            }
        });
        caller.start();
        launched.get(30, TimeUnit.SECONDS);
        caller.join(10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> restricted = threadsWithNoNewPrivs();
        while (!restricted.isEmpty() && System.nanoTime() < deadline) { // a reaper of its own ends with its child
            Thread.sleep(10);
            restricted = threadsWithNoNewPrivs();
        }
        assertEquals(List.of(), restricted, "threads that took no_new_privs from a caller and live on");
    }

    private static List<String> threadsWithNoNewPrivs() throws IOException {
        List<String> found = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                read(task.resolve("status")).filter(text -> text.contains("\nNoNewPrivs:\t1\n"))
                        .ifPresent(text -> found.add(text.lines().findFirst().orElse(task.toString())));
            }
        }
        return found;
    }

    private static final int PR_GET_NO_NEW_PRIVS = 39;

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
