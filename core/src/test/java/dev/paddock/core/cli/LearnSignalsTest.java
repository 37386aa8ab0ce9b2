package dev.paddock.core.cli;

import dev.paddock.core.sys.LibC;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C (SIGINT), SIGTERM or SIGHUP to {@code paddock learn} while a round runs: the JVM exits with 128 + the signal,
 * and ends every process of the round first, as Stop does, the ones in the background too: none is left running
 * (re-parented to PID 1 in a session of its own), nor a zombie. As root and with the JVM run as nobody.
 */
class LearnSignalsTest {

    @ParameterizedTest
    @CsvSource({"2, false", "15, false", "1, false", "2, true", "15, true"})
    void aSignalToLearnEndsEveryProcessOfTheRound(int signal, boolean asNobody) throws Exception {
        List<String> command = new ArrayList<>(asNobody ? AsNobody.prefix() : List.of());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", asNobody ? AsNobody.classpath()
                        : System.getProperty("java.class.path"), PaddockCli.class.getName(), "learn", "--",
                "/usr/bin/sh", "-c", "/usr/bin/sleep 47 & /usr/bin/sleep 48"));
        Process learn = new ProcessBuilder(command).directory(Path.of("/").toFile()).start();
        learn.getOutputStream().close();
        CompletableFuture<Streams> output = CompletableFuture.supplyAsync(() -> Streams.drain(learn));
        List<ProcessHandle> sleeps = List.of();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sleeps.size() < 2 && System.nanoTime() < end) {
            Thread.sleep(100);
            sleeps = learn.toHandle().descendants().filter(p -> p.info().command().orElse("").endsWith("/sleep"))
                    .toList();
        }
        assertEquals(2, sleeps.size(), "the round did not start both sleeps");
        assertEquals(0, LibC.kill((int) learn.pid(), signal));
        assertTrue(learn.waitFor(30, TimeUnit.SECONDS), "learn did not exit");
        Streams streams = output.get(10, TimeUnit.SECONDS);
        assertEquals(128 + signal, learn.exitValue(), streams.stderr());
        for (ProcessHandle sleep : sleeps) {
            assertTrue(gone(sleep.pid()), "process " + sleep.pid() + " of the round outlived learn: "
                    + state(sleep.pid()));
        }
    }

    /** Whether the pid is gone, zombie included, within a second (time for its parent to reap it). */
    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 20 && Files.exists(Path.of("/proc/" + pid)); i++) {
            Thread.sleep(50);
        }
        return !Files.exists(Path.of("/proc/" + pid));
    }

    private static String state(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return "gone";
        }
    }
}
