package dev.paddock.core.launch;

import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.testing.Probe;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PTY mode: the child sees a terminal, so it line-buffers, and its output arrives line by line. */
class TerminalModeTest {
    private final Sandbox sandbox = Sandbox.builder().readExec("/usr").build();

    @Test
    void theChildSeesATerminalOnAllThreeStreams() throws Exception {
        SandboxedProcess process = sandbox.command(Probe.command("isatty:")).terminal(100, 30).start();
        assertTrue(process.isTerminal());
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("tty", out.strip());
        assertEquals(0, process.waitFor());
        assertTrue(process.plan().pathRules().stream()
                .anyMatch(rule -> rule.origin() == PlannedPathRule.Origin.TERMINAL));
    }

    @Test
    void outputArrivesLineByLineWhileTheChildIsStillRunning() throws Exception {
        // Python block-buffers stdout on a pipe; on a terminal it flushes each line.
        String script = "import sys,time\nfor i in range(3):\n  print('line', i)\n  time.sleep(0.3)\n"
                + "sys.stdin.readline()\n";
        SandboxedProcess process = sandbox.command(Probe.PYTHON, "-S", "-I", "-c", script).terminal(80, 24).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(reader.readLine().strip());
            assertTrue(process.isAlive(), "the line arrived before the child finished");
        }
        assertEquals(List.of("line 0", "line 1", "line 2"), lines);
        try (OutputStream in = process.getOutputStream()) {
            in.write("\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(0, process.waitFor());
    }

    @Test
    void theLastOutputOfAChildThatExitsAtOnceIsNeverLost() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String word = "word" + i;
                results.add(pool.submit(() -> {
                    SandboxedProcess process = sandbox.command("/usr/bin/echo", word).terminal(80, 24).start();
                    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    return process.waitFor() == 0 && out.equals(word) ? "" : word + " -> [" + out + "]";
                }));
            }
            for (java.util.concurrent.Future<String> result : results) {
                assertEquals("", result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTerminalHasTheRequestedSize() throws Exception {
        SandboxedProcess process = sandbox.command("/usr/bin/stty", "size").terminal(132, 43).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("43 132", out.strip());
        assertEquals(0, process.waitFor());
    }
}
