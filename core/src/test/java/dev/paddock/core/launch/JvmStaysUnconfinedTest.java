package dev.paddock.core.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
