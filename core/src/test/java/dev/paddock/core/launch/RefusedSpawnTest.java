package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Landlock;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.testing.AsNobody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static dev.paddock.core.launch.LaunchUnderLoadTest.threadsWithNoNewPrivs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Launches whose spawn thread never reaches posix_spawn, now that it installs the seccomp filter (and its setsid
 * listener) before the launch is prepared: the kernel refusing the Landlock domain, an error thrown by the caller's
 * own code while the launch is prepared, and a spawn thread that gave up waiting. Each must end with an exception,
 * never hang, and leave no filtered thread and no listener fd behind.
 */
class RefusedSpawnTest {
    private static final Sandbox SANDBOX = Sandbox.builder().readExec("/usr").build();

    /**
     * A caller whose thread already carries 16 Landlock domains (a JVM started deep inside nested sandboxes) gets a
     * spawn thread started from its own, whose 17th domain the kernel refuses with E2BIG. The launch must say so; it
     * used to wait forever for a setsid() that the thread, which ended without spawning, would never make.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pipes", "terminal", "traced", "pipes as nobody"})
    void aThreadTheKernelCannotConfineFurtherGetsASentenceNotAHang(String mode) throws Exception {
        List<String> command = new ArrayList<>(mode.endsWith("as nobody") ? AsNobody.prefix() : List.of());
        command.add("/usr/bin/true");
        assertEquals(0, SANDBOX.command(command).start().waitFor());
        long fdsBefore = settledFds(-1);
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                confineSixteenTimes();
                SandboxedCommand launch = SANDBOX.command(command);
                if (mode.equals("terminal")) {
                    launch.terminal(80, 24);
                } else if (mode.equals("traced")) {
                    launch.trace(); // its filter comes after Landlock, as before
                }
                refused.complete(assertThrows(SandboxException.class, launch::start));
            } catch (Throwable e) {
                refused.complete(e);
            }
        }, "sixteen-domains");
        caller.setDaemon(true); // a hung launch must not keep the test JVM alive
        caller.start();
        Throwable outcome;
        try {
            outcome = refused.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the launch hung in " + caller.getStackTrace()[0] + " (" + mode + ")");
        }
        assertTrue(outcome instanceof SandboxException, String.valueOf(outcome));
        assertEquals(SandboxException.Reason.KERNEL_REFUSED, ((SandboxException) outcome).reason());
        assertEquals("the sandbox cannot be nested deeper: Landlock allows at most 16 stacked sandboxes",
                outcome.getMessage());
        caller.join(10_000);
        assertFalse(caller.isAlive());
        assertEquals(List.of(), threadsWithNoNewPrivs(), "a thread of the refused launch lives on");
        assertEquals(fdsBefore, settledFds(fdsBefore), "open fds of the JVM (the refused launch's listener)");
        assertEquals(0, SANDBOX.command(command).start().waitFor(), "the next launch runs as usual");
    }

    /** What a caller's own code throws while the launch is prepared: not an IOException, nor a RuntimeException. */
    private static final class CallerFailure extends Error {
        CallerFailure() {
            super("the caller's path failed");
        }
    }

    /**
     * The caller's code runs while the spawn thread already carries the filter: here a {@link Path} of its own as the
     * working directory, whose file system fails with an {@link Error}. The spawn thread must end with the launch,
     * not wait, filtered and holding a listener fd, for a minute.
     */
    @Test
    void anErrorThrownByTheCallersCodeMidLaunchEndsTheSpawnThread() throws Exception {
        assertEquals(0, SANDBOX.command("/usr/bin/true").start().waitFor());
        long fdsBefore = settledFds(-1);
        Path failing = (Path) Proxy.newProxyInstance(Path.class.getClassLoader(), new Class<?>[] {Path.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "/a/path/of/the/caller";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new CallerFailure();
                });
        LaunchContext context = new LaunchContext("/usr/bin", failing, null, LandlockSupport.detect());
        for (int i = 0; i < 5; i++) {
            assertThrows(CallerFailure.class, () -> SANDBOX.command("/usr/bin/true").context(context).start());
            assertEquals(List.of(), threadsWithNoNewPrivs(), "the spawn thread lives on, filtered");
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(
                    t -> t.getName().equals(SpawnThreads.NAME)), "a spawn thread lives on");
            assertEquals(fdsBefore, settledFds(fdsBefore), "open fds of the JVM (the abandoned launch's listener)");
        }
        List<String> nobody = new ArrayList<>(AsNobody.prefix());
        nobody.add("/usr/bin/true");
        assertEquals(0, SANDBOX.command(nobody).start().waitFor(), "the next launch runs as usual");
    }

    /**
     * A spawn thread waits a bounded time for its spawn, then closes its listener and ends. A caller that hands it
     * the spawn after that must never serve the listener's old fd number (closed, or by then another launch's
     * listener or pipe: the caller hung on it, or would have closed someone else's fd); its spawn runs on a fresh
     * thread instead (SpawnerTest checks that thread's child is confined).
     */
    @Test
    void aSpawnThreadThatGaveUpWaitingIsNeverServedLater() throws Exception {
        assertEquals(0, SANDBOX.command("/usr/bin/true").start().waitFor());
        long fdsBefore = settledFds(-1);
        long deadline = Spawner.goDeadlineNanos;
        Spawner.goDeadlineNanos = 0; // the thread gives up at once, as after a minute's stall in a launch
        try {
            for (int i = 0; i < 20; i++) {
                CompletableFuture<Integer> outcome = CompletableFuture.supplyAsync(() -> {
                    try {
                        return SANDBOX.command("/usr/bin/true").start().waitFor();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                try {
                    assertEquals(0, outcome.get(20, TimeUnit.SECONDS));
                } catch (TimeoutException e) {
                    fail("the launch hung on the listener of a spawn thread that had given up");
                }
            }
        } finally {
            Spawner.goDeadlineNanos = deadline;
        }
        assertEquals(List.of(), threadsWithNoNewPrivs());
        assertEquals(fdsBefore, settledFds(fdsBefore), "open fds of the JVM");
        assertEquals(0, SANDBOX.command("/usr/bin/true").start().waitFor(), "the next launch runs as usual");
    }

    /**
     * The JVM's open fds, sockets left out (the test harness opens its own reporting socket at some first test), and
     * how many of them are seccomp listeners, once the last child's pipes are closed: waits up to 10 s for
     * {@code expected}.
     */
    private static long settledFds(long expected) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(expected < 0 ? 1 : 10);
        long fds = fdsOtherThanSockets();
        while (fds != expected && System.nanoTime() < until) {
            Thread.sleep(20);
            fds = fdsOtherThanSockets();
        }
        return fds;
    }

    private static long fdsOtherThanSockets() throws Exception {
        long count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    assertFalse(target.contains("seccomp"), "a seccomp listener is open in the JVM: " + target);
                    count += target.startsWith("socket:") ? 0 : 1;
                } catch (NoSuchFileException closed) {
                    // the fd listing the folder, or one closed while we looked
                }
            }
        }
        return count;
    }

    /** Puts 16 Landlock domains (each handling only mknod of character devices) on the calling thread. */
    private static void confineSixteenTimes() throws Exception {
        assertEquals(0, LibC.prctl(ProcessConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
        RulesetPlan plan = new RulesetPlan(1, FsAccess.MAKE_CHAR.bit(), 0, 0, List.of(), List.of(), 0);
        for (int i = 0; i < 16; i++) {
            int ruleset = Landlock.makeRuleset(plan);
            try {
                assertEquals(0, Landlock.confineCallingThread(ruleset, 0), "domain " + (i + 1));
            } finally {
                LibC.close(ruleset);
            }
        }
    }
}
