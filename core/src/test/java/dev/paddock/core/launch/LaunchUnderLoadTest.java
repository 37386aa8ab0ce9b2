package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many launches from several threads: every result right, no fd growth, no zombies, no JVM thread confined. */
class LaunchUnderLoadTest {
    private static final int THREADS = 4;
    private static final int LAUNCHES_PER_THREAD = 250;

    @TempDir
    Path root;

    @Test
    void fourThreadsTimesTwoHundredFiftyLaunchesWithDifferentPolicies() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            dirs.add(Files.createDirectories(root.resolve("d" + i)));
        }
        runBatch(dirs, 5);
        long fdsBefore = openFds();
        int threadsBefore = Thread.activeCount();

        runBatch(dirs, LAUNCHES_PER_THREAD);

        assertEquals(fdsBefore, openFds(), "open fds of the JVM");
        assertEquals(List.of(), zombieChildren());
        assertEquals(List.of(), threadsWithNoNewPrivs());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("paddock-spawn")),
                "no spawn thread lives on");
        assertTrue(Thread.activeCount() <= threadsBefore + THREADS + 2, "thread count stays bounded");
    }

    @Test
    void eightThreadsTimesOneHundredTwentyFiveLaunchesWithMixedPolicies() throws Exception {
        Path writable = Files.createDirectories(root.resolve("w"));
        Path readable = Files.createDirectories(root.resolve("r"));
        Files.writeString(readable.resolve("f"), "content");
        long fdsBefore = openFds();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int kind = t % 4;
                results.add(pool.submit(() -> {
                    int correct = 0;
                    for (int i = 0; i < 125; i++) {
                        if (mixedLaunchIsCorrect(kind, writable, readable, i)) {
                            correct++;
                        }
                    }
                    return correct;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(125, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openFds() > fdsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(fdsBefore, openFds(), "open fds of the JVM");
        assertEquals(List.of(), zombieChildren());
        assertEquals(List.of(), threadsWithNoNewPrivs());
    }

    /**
     * A launch's spawn thread installs the seccomp filter while the launch is prepared, so a launch refused after that
     * (a missing path, an unknown program, a program the ruleset does not let run) must end that thread: none is
     * left with the filter or no_new_privs, no fd stays open, and the next launch runs as usual.
     */
    @Test
    void refusedLaunchesLeaveNoConfinedThreadAndNoFd() throws Exception {
        Sandbox missingPath = Sandbox.builder().readExec("/usr").readOnly(root.resolve("gone").toString()).build();
        Sandbox plain = Sandbox.builder().readExec("/usr").build();
        Sandbox noExecute = Sandbox.builder().readOnly("/usr").build();
        assertEquals(0, runToTheEnd(plain));
        long fdsBefore = openFds();
        for (int i = 0; i < 60; i++) {
            assertEquals(SandboxException.Reason.MISSING_PATH, assertThrows(SandboxException.class,
                    () -> missingPath.command("/usr/bin/true").start()).reason());
            assertEquals(SandboxException.Reason.COMMAND_NOT_FOUND, assertThrows(SandboxException.class,
                    () -> plain.command(root.resolve("no-such-program").toString()).start()).reason());
            SandboxException denied = assertThrows(SandboxException.class,
                    () -> noExecute.command("/usr/bin/true").start());
            assertTrue(denied.getMessage().contains("ermission denied"), denied.getMessage());
        }
        assertEquals(List.of(), threadsWithNoNewPrivs(), "no thread is left confined once its launch is over");
        assertEquals(fdsBefore, openFds(), "open fds of the JVM");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("paddock-spawn")),
                "no spawn thread lives on");
        assertEquals(0, runToTheEnd(plain));
    }

    /** Runs true, its streams closed first, so that its pipes are gone when it returns. */
    private static int runToTheEnd(Sandbox sandbox) throws Exception {
        Process process = sandbox.command("/usr/bin/true").start();
        process.getOutputStream().close();
        process.getInputStream().close();
        process.getErrorStream().close();
        return process.waitFor();
    }

    /** Four kinds of launch, each checking its own result. */
    private static boolean mixedLaunchIsCorrect(int kind, Path writable, Path readable, int i) throws Exception {
        switch (kind) {
            case 0 -> {
                Process p = Sandbox.builder().readExec("/usr").readWrite(writable.toString()).build()
                        .command("/usr/bin/sh", "-c", "echo x > " + writable + "/t" + Thread.currentThread().getId()
                                + "-" + i).start();
                return p.waitFor() == 0;
            }
            case 1 -> {
                Process p = Sandbox.builder().readExec("/usr").readOnly(readable.toString()).build()
                        .command("/usr/bin/sh", "-c", "cat " + readable + "/f && ! (echo y > " + readable
                                + "/f) 2>/dev/null").start();
                String out = new String(p.getInputStream().readAllBytes());
                return p.waitFor() == 0 && out.equals("content");
            }
            case 2 -> {
                Process p = Sandbox.builder().readExec("/usr").build().command("/usr/bin/sh", "-c", "exit 7")
                        .start();
                return p.waitFor() == 7;
            }
            default -> {
                SandboxedProcess p = Sandbox.builder().readExec("/usr").build().command("/usr/bin/echo", "tty" + i)
                        .terminal(80, 24).start();
                String out = new String(p.getInputStream().readAllBytes()).strip();
                return p.waitFor() == 0 && out.equals("tty" + i);
            }
        }
    }

    /** Thread i may write only to dir i; its child checks that and that the neighbour's dir is denied. */
    private void runBatch(List<Path> dirs, int launches) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Path mine = dirs.get(t);
                Path other = dirs.get((t + 1) % THREADS);
                Sandbox sandbox = Sandbox.builder().readExec("/usr").readWrite(mine.toString()).build();
                String script = "echo x > " + mine + "/f$1 && rm " + mine + "/f$1 && ! (echo x > " + other
                        + "/g) 2>/dev/null";
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < launches; i++) {
                        Process process = sandbox.command("/usr/bin/sh", "-c", script, "sh", Integer.toString(i))
                                .start();
                        process.getInputStream().close();
                        process.getOutputStream().close();
                        process.getErrorStream().close();
                        if (process.waitFor() == 0) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(launches, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(0, files.count(), "nothing written to a denied directory");
            }
        }
    }

    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static List<String> zombieChildren() throws IOException {
        long self = ProcessHandle.current().pid();
        List<String> zombies = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (fields[0].equals("Z") && Long.parseLong(fields[1]) == self) {
                        zombies.add(proc.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return zombies;
    }

    /**
     * Paddock sets no_new_privs on every thread it confines, so a thread with it set would be a leak. A thread that
     * ended is still listed for a moment while the kernel finishes its exit (of 2,000 threads that set no_new_privs
     * and were joined, 1,565 were still in /proc/self/task right after the join), so this waits up to two seconds for
     * such threads to go; one that lives on stays listed, and is returned.
     */
    static List<String> threadsWithNoNewPrivs() throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> confined = threadsWithNoNewPrivsNow();
        while (!confined.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
            confined = threadsWithNoNewPrivsNow();
        }
        return confined;
    }

    private static List<String> threadsWithNoNewPrivsNow() throws IOException {
        List<String> confined = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String status = Files.readString(task.resolve("status"));
                    if (status.contains("NoNewPrivs:\t1")) {
                        confined.add(status.lines().findFirst().orElse("") + " (" + task.getFileName() + ")");
                    }
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return confined;
    }
}
