package dev.paddock.core.cli;

import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.PtyShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C and Ctrl-Z typed at an interactive bash on a pseudo-terminal while {@code paddock run --explain} waits for
 * its command behave as for a plain {@code paddock run} (whose command replaces the JVM): Ctrl-C ends the command at
 * once and the shell sees 130 (and drops the rest of the command line, as for a command killed by SIGINT); Ctrl-Z stops the job and {@code fg} continues it to its end. With --explain the JVM
 * also lives on to print its summary. The command prints a marker when it runs, so the key is typed only once the
 * command (not the JVM's start) is what waits.
 */
class ExplainSignalsTest {
    private static final Pattern RESULT = Pattern.compile("RC=(\\d+) T=(\\d+)");
    /** Prints "started42" once it runs (the typed line shows the arithmetic, not its result), then sleeps. */
    private static final String COMMAND = "/usr/bin/sh -c 'echo started$((40+2)); exec /usr/bin/sleep %d'";

    @ParameterizedTest
    @ValueSource(strings = {"", "--explain", "--explain=live"})
    void ctrlCEndsTheCommandAndTheShellSees130(String explain) throws Exception {
        ctrlC(PtyShell.paddockCommandLine(List.of(), PaddockCli.class), explain);
    }

    @Test
    void ctrlCEndsTheExplainedCommandOfANobodyJvm() throws Exception {
        ctrlC(PtyShell.paddockCommandLine(AsNobody.prefix(), PaddockCli.class), "--explain");
    }

    private static void ctrlC(String paddock, String explain) throws Exception {
        String line = "cd /; S=$SECONDS; " + paddock + " run " + explain + " --rox /usr --ro /etc -- "
                + COMMAND.formatted(30) + "; echo after$((1+1))\n";
        String shown = PtyShell.drive("type:" + line, "wait:started42", "sleep:0.5", "type:\u0003", "wait:$ ",
                "type:echo RC=$? T=$((SECONDS-S))\n", "wait:RC=");
        Matcher result = RESULT.matcher(shown);
        assertTrue(result.find(), shown);
        assertEquals("130", result.group(1), "Ctrl-C: the shell sees the command's SIGINT: " + shown);
        assertTrue(Integer.parseInt(result.group(2)) < 25, "the command was not ended by Ctrl-C: " + shown);
        assertFalse(shown.contains("after2"), "bash drops the rest of the line after Ctrl-C, as for a command it "
                + "started itself: " + shown);
        if (!explain.isEmpty()) {
            assertTrue(shown.contains("paddock: explain: no access was denied"),
                    "the JVM lives on to explain the run: " + shown);
        }
    }

    @Test
    void ctrlZStopsTheExplainedJobAndFgContinuesIt() throws Exception {
        String paddock = PtyShell.paddockCommandLine(List.of(), PaddockCli.class);
        String shown = PtyShell.drive("type:cd /; " + paddock + " run --explain --rox /usr --ro /etc -- "
                        + COMMAND.formatted(3) + "\n", "wait:started42", "type:\u001a", "wait:Stopped",
                "type:sleep 4; echo stopped=$(ps -o stat= -o comm= -t $(tty) | grep -c -E '^T.* java$') "
                        + "waiting=$(ps -o comm= -t $(tty) | grep -c -E '^(sh|sleep)$')\n", "wait:$ ", "type:fg\n",
                "wait:paddock: explain: no access was denied", "wait:$ ", "type:echo RC=$? T=0\n", "wait:RC=");
        assertTrue(shown.matches("(?s).*Stopped.*"), "Ctrl-Z did not stop the job: " + shown);
        // stopped longer than the command's own 3 s, it is still there: stopped too, or waiting in a traced call for
        // the stopped JVM's answer (the kernel shows it as D then)
        Matcher stopped = Pattern.compile("stopped=(\\d+) waiting=(\\d+)").matcher(shown);
        assertTrue(stopped.find(), shown);
        assertEquals("1", stopped.group(1), "the JVM is stopped: " + shown);
        assertEquals("1", stopped.group(2), "the command did not run on while its job was stopped: " + shown);
        Matcher result = RESULT.matcher(shown);
        assertTrue(result.find(), shown);
        assertEquals("0", result.group(1), "fg continued the command to its end: " + shown);
    }
}
