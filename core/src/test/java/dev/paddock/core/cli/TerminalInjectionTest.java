package dev.paddock.core.cli;

import dev.paddock.core.testing.PtyShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The terminal-injection escape, for real: an interactive bash on a pseudo-terminal runs {@code paddock run} of a
 * program that pushes "touch MARKER" into that terminal with TIOCSTI. Without the seccomp layer bash would run it,
 * unconfined, when the program exits; with it nothing is injected and nothing is written. The same program run
 * directly (the control) does get its command run, which shows the harness can see an escape.
 */
class TerminalInjectionTest {

    /** Pushes "touch MARKER" into its terminal, one character at a time, and says how it went. */
    private static final String INJECT = String.join("\n",
            "import fcntl, os, sys, termios",
            "line = 'touch ' + sys.argv[1] + '\\n'",
            "try:",
            "    for c in line: fcntl.ioctl(0, termios.TIOCSTI, c.encode())",
            "    print('injected')",
            "except OSError as e:",
            "    print('refused', e.strerror)");

    @Test
    void aSandboxedProgramCannotMakeTheCallersShellRunACommand(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("inject.py"), INJECT);
        openToNobody(dir);
        Path marker = dir.resolve("marker");
        String paddock = paddockCommandLine();
        String sandboxed = paddock + " run --rox /usr --ro " + dir + " -- /usr/bin/python3 -S -I " + script + " "
                + marker;
        String output = drive(sandboxed, 8);
        assertTrue(output.contains("refused Operation not permitted"), output);
        assertTrue(output.contains("done-42"), "the shell did not go on: " + output);
        assertFalse(Files.exists(marker), "the injected command ran: " + output);

        String asNobody = paddock + " run --rox /usr --ro " + dir + " -- /usr/bin/setpriv --reuid=65534 "
                + "--regid=65534 --clear-groups /usr/bin/python3 -S -I " + script + " " + marker;
        output = drive(asNobody, 8);
        assertTrue(output.contains("refused Operation not permitted"), output);
        assertFalse(Files.exists(marker), "the injected command ran (as nobody): " + output);

        output = drive("/usr/bin/python3 -S -I " + script + " " + marker, 2);
        assertTrue(output.contains("injected"), output);
        assertTrue(Files.exists(marker), "the control injection did not run, so this harness sees nothing: "
                + output);
    }

    @Test
    void anInteractiveShellInTheSandboxKeepsJobControl(@TempDir Path dir) throws Exception {
        String output = drive(paddockCommandLine() + " run --rox /usr --rox /bin --env TERM=dumb -- /bin/bash "
                + "--norc --noprofile -i -c 'sleep 30 & jobs; kill %1; set -o | grep monitor'", 8);
        assertTrue(output.contains("monitor        \ton") || output.matches("(?s).*monitor\\s+on.*"), output);
        assertTrue(output.contains("[1]+  Running"), output);
        assertFalse(output.contains("no job control"), output);
    }

    /** Runs the line in an interactive bash on a pty, then exits; returns everything the terminal showed. */
    private static String drive(String line, int seconds) throws Exception {
        return PtyShell.drive("type:" + line + "\n", "sleep:" + seconds, "type:echo done-$((6*7))\n", "sleep:2");
    }

    private static String paddockCommandLine() {
        return PtyShell.paddockCommandLine(List.of(), PaddockCli.class);
    }

    private static void openToNobody(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }
}
