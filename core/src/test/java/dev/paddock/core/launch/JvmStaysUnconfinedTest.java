package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** After hundreds of launches the JVM's own threads can still do everything the sandboxes denied. */
class JvmStaysUnconfinedTest {

    @Test
    void theJvmsThreadsAreUnconfinedAfterManyLaunches(@TempDir Path dir) throws Exception {
        Sandbox denyAll = Sandbox.builder().readExec("/usr").build();
        for (int i = 0; i < 300; i++) {
            Process process = denyAll.command("/usr/bin/true").start();
            assertEquals(0, process.waitFor());
        }
        // the calling thread, a fresh thread and a common-pool thread can all write outside any sandbox rule
        Files.writeString(dir.resolve("caller"), "ok");
        Thread fresh = new Thread(() -> {
            try {
                Files.writeString(dir.resolve("fresh"), "ok");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        fresh.start();
        fresh.join();
        CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(dir.resolve("pool"), "ok");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get();
        assertEquals(3, Files.list(dir).count());
        assertEquals(List.of(), LaunchUnderLoadTest.threadsWithNoNewPrivs());
    }

    @Test
    void aRehearsalBuildsTheRulesetAndLeavesTheCallingThreadFree(@TempDir Path dir) throws Exception {
        Policy policy = Policy.builder().readExec("/usr").command(List.of("/usr/bin/true")).build();
        LaunchPlan plan = LaunchPlan.prepare(policy,
                new LaunchContext("/usr/bin", dir, null, LandlockSupport.detect()));
        long fdsBefore = LaunchUnderLoadTest.openFds();
        assertNull(ProcessReplacer.rehearse(plan.compiled(), plan.executable().toString(), policy.command(),
                List.of(), dir.toString()));
        assertEquals(fdsBefore, LaunchUnderLoadTest.openFds(), "the ruleset fd is closed again");
        Files.writeString(dir.resolve("after"), "the calling thread can still write anywhere");
        assertEquals(List.of(), LaunchUnderLoadTest.threadsWithNoNewPrivs());

        Policy missing = Policy.builder().readExec("/usr").readOnly(dir.resolve("gone").toString())
                .command(List.of("/usr/bin/true")).build();
        Files.createDirectory(dir.resolve("gone"));
        LaunchPlan stale = LaunchPlan.prepare(missing,
                new LaunchContext("/usr/bin", dir, null, LandlockSupport.detect()));
        Files.delete(dir.resolve("gone"));
        SandboxException problem = ProcessReplacer.rehearse(stale.compiled(), "/usr/bin/true", missing.command(),
                List.of(), null);
        assertEquals(SandboxException.Reason.MISSING_PATH, problem.reason(), problem.getMessage());
    }
}
