package dev.paddock.core.launch;

import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SandboxedProcess behaves as a java.lang.Process. */
class ProcessApiTest {
    private final Sandbox sandbox = Sandbox.builder().readExec("/usr").build();

    private SandboxedProcess sh(String script) throws IOException {
        return sandbox.command("/usr/bin/sh", "-c", script).start();
    }

    @Test
    void isAProcessWithPidAndExitValue() throws Exception {
        Process process = sh("exit 42");
        assertInstanceOf(Process.class, process);
        assertTrue(process.pid() > 0);
        assertEquals(42, process.waitFor());
        assertEquals(42, process.exitValue());
        assertFalse(process.isAlive());
    }

    @Test
    void exitValueThrowsWhileRunning() throws Exception {
        Process process = sh("sleep 30");
        assertThrows(IllegalThreadStateException.class, process::exitValue);
        assertFalse(process.waitFor(50, TimeUnit.MILLISECONDS));
        process.destroyForcibly();
        assertEquals(128 + 9, process.waitFor());
    }

    @Test
    void stdinStdoutAndStderrArePipes() throws Exception {
        Process process = sh("read line; echo \"out:$line\"; echo \"err:$line\" >&2");
        try (OutputStream in = process.getOutputStream()) {
            in.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }
        Streams streams = Streams.drain(process);
        assertEquals("out:hello\n", streams.stdout());
        assertEquals("err:hello\n", streams.stderr());
        assertEquals(0, process.waitFor());
    }

    @Test
    void redirectErrorStreamMergesStderrIntoStdout() throws Exception {
        Process process = sandbox.command("/usr/bin/sh", "-c", "echo a; echo b >&2").redirectErrorStream(true)
                .start();
        Streams streams = Streams.drain(process);
        assertEquals("a\nb\n", streams.stdout());
        assertEquals("", streams.stderr());
    }

    @Test
    void outputCanGoToAFileOpenedByTheCaller(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Process process = sandbox.command("/usr/bin/echo", "to file").redirectOutput(Redirect.to(out.toFile()))
                .start();
        assertEquals(0, process.waitFor());
        assertEquals("to file\n", Files.readString(out));
    }

    @Test
    void destroySendsSigtermToTheWholeProcessGroup() throws Exception {
        // the shell's background job reads /dev/null, so the sandbox must allow it
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readWrite("/dev/null").build()
                .command("/usr/bin/sh", "-c", "sleep 30 & echo $!; wait").start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(reader.readLine().strip())).orElseThrow();
        assertTrue(grandchild.isAlive());
        process.destroy();
        assertEquals(128 + 15, process.waitFor());
        assertEquals("killed by signal 15 (SIGTERM)", process.exitStatus().orElseThrow().describe());
        grandchild.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(grandchild.isAlive());
    }

    @Test
    void destroyReachesGrandchildrenAfterTheChildHasExited() throws Exception {
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readWrite("/dev/null").build()
                .command("/usr/bin/sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!").start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(reader.readLine().strip())).orElseThrow();
        assertEquals(0, process.waitFor());
        assertTrue(grandchild.isAlive());
        process.destroyForcibly();
        grandchild.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(grandchild.isAlive());
    }

    @Test
    void destroyForciblyKillsAChildThatIgnoresSigterm() throws Exception {
        SandboxedProcess process = sh("trap '' TERM; echo ready; sleep 30");
        assertEquals("ready", new String(process.getInputStream().readNBytes(6), StandardCharsets.UTF_8).strip());
        process.destroy();
        assertFalse(process.waitFor(300, TimeUnit.MILLISECONDS));
        assertSame(process, process.destroyForcibly());
        assertEquals(128 + 9, process.waitFor());
    }

    @Test
    void onExitCompletesWithTheProcess() throws Exception {
        Process process = sh("exit 3");
        assertSame(process, process.onExit().get(10, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue());
    }

    @Test
    void floodingStdoutAndStderrAtOnceDoesNotDeadlock() throws Exception {
        Process process = sh("i=0; while [ $i -lt 2000 ]; do echo 0123456789012345678901234567890123456789; "
                + "echo 0123456789012345678901234567890123456789 >&2; i=$((i+1)); done");
        Streams streams = Streams.drain(process);
        assertEquals(0, process.waitFor());
        assertEquals(2000 * 41, streams.stdout().length());
        assertEquals(2000 * 41, streams.stderr().length());
    }

    @Test
    void unreadStreamsAreReleasedWhenTheChildExits() throws Exception {
        long before = openFds();
        for (int i = 0; i < 200; i++) {
            assertEquals(0, sh("echo some output; echo more >&2").waitFor());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openFds() > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // no growth; fewer is fine: a terminal of an earlier test may have been released meanwhile (5 s of grace)
        long after = openFds();
        assertTrue(after <= before, "open fds grew from " + before + " to " + after);
    }

    @Test
    void outputWrittenBeforeExitCanStillBeReadAfterIt() throws Exception {
        Process process = sh("echo last words");
        process.waitFor();
        process.onExit().get(10, TimeUnit.SECONDS);
        Thread.sleep(100);
        assertEquals("last words\n", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        IOException closed = assertThrows(IOException.class, () -> process.getOutputStream().write(1));
        assertEquals("Stream closed", closed.getMessage());
    }

    @Test
    void inheritIoGivesTheChildTheJvmsStreams() throws Exception {
        Process process = sandbox.command("/usr/bin/true").inheritIO().start();
        assertEquals(0, process.waitFor());
        assertEquals(-1, process.getInputStream().read());
        assertEquals(-1, process.getErrorStream().read());
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void theReportTravelsWithTheProcess() throws Exception {
        SandboxedProcess process = sh("true");
        process.waitFor();
        assertTrue(process.report().abi() > 0);
        assertTrue(process.toString().contains("exit code 0"), process.toString());
    }
}
