package dev.paddock.core.launch;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.launch.process.Stdio;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.SeccompFilter;
import dev.paddock.core.sys.LibC;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The two steps of a spawn: the thread handed its filter before the launch is prepared, then its spawn. A thread that
 * waited past its deadline has ended, filter and listener with it, and a spawn handed over later still runs, on a
 * fresh thread, confined as planned.
 */
class SpawnerTest {

    @Test
    void aSpawnHandedOverAfterItsThreadGaveUpRunsOnAFreshThreadConfinedAsPlanned() throws Exception {
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().readExec("/usr").build(),
                LandlockSupport.detect(), List.of());
        SeccompFilter filter = SeccompFilter.build(Architecture.require(), compiled.seccomp(), true, Set.of());

        long usual = Spawner.goDeadlineNanos;
        Spawner.goDeadlineNanos = TimeUnit.MILLISECONDS.toNanos(20);
        Spawner.Pending pending;
        Spawner.Pending second;
        try {
            pending = Spawner.begin(filter);
            second = Spawner.begin(filter);
        } finally {
            Spawner.goDeadlineNanos = usual;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!LaunchUnderLoadTest.threadsWithNoNewPrivs().isEmpty() || listenersOpen() > 0) {
            assertFalse(System.nanoTime() > deadline, "the thread that gave up kept its filter or its listener: "
                    + LaunchUnderLoadTest.threadsWithNoNewPrivs() + ", listeners open " + listenersOpen());
            Thread.sleep(10);
        }

        assertEquals(0, spawnAndReap(pending, compiled, "/usr/bin/true"));
        assertEquals(1, spawnAndReap(second, compiled, "/usr/bin/cat", "/etc/hostname"),
                "the child of a fresh thread is confined: /etc is outside the rules");
        assertEquals(List.of(), LaunchUnderLoadTest.threadsWithNoNewPrivs());
    }

    private static int spawnAndReap(Spawner.Pending pending, CompiledPolicy compiled, String... command)
            throws Exception {
        try (Stdio stdio = Stdio.of(Redirect.DISCARD, Redirect.DISCARD, Redirect.DISCARD, false)) {
            SpawnSpec spec = new SpawnSpec(command[0], List.of(command), List.of(), null, stdio, compiled.plan(),
                    pending.filter());
            Spawner.Spawned spawned = pending.spawn(spec);
            int[] status = new int[1];
            assertEquals(spawned.pid(), LibC.waitpid(spawned.pid(), status, 0));
            Spawner.joinQuietly(spawned.thread());
            return ExitStatus.decode(status[0]).exitValue();
        }
    }

    /** The seccomp listeners open in this JVM (other tests' pipes may come and go meanwhile). */
    private static long listenersOpen() throws Exception {
        long count = 0;
        try (Stream<Path> fds = Files.list(Path.of(
                "/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    count += Files.readSymbolicLink(fd).toString().contains("seccomp") ? 1 : 0;
                } catch (IOException closed) {
                    // closed while we looked
                }
            }
        }
        return count;
    }
}
