package dev.paddock.core.cli;

import dev.paddock.core.testing.AsNobody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sandboxed program chooses the paths it opens: one with ESC ] 0 ; ... BEL (which sets a terminal's title) and one
 * with a newline (which forges a line of Paddock's) reach the terminal escaped, in {@code run --explain} and
 * {@code learn}, as root and as nobody.
 */
class TerminalEscapesCliTest {
    @TempDir
    Path root;

    private Path program() throws Exception {
        Path denied = Files.createDirectories(root.resolve("denied"));
        Files.createDirectories(root.resolve("denied2"));
        Path script = root.resolve("esc.py");
        Files.writeString(script, "import sys\n"
                + "d = sys.argv[1]\n"
                + "for p in [d + '/x\\x1b]0;TITLE-SET-BY-SANDBOX\\x07y',\n"
                + "          d + '2/z\\npaddock: learn:   --ro FORGED\\x1b[2K']:\n"
                + "    try:\n"
                + "        open(p, 'w')\n"
                + "    except OSError:\n"
                + "        pass\n");
        return denied;
    }

    /** Every control character but the newlines Paddock writes is escaped; no line is forged. */
    private static void assertClean(String err) {
        for (int i = 0; i < err.length(); i++) {
            char c = err.charAt(i);
            assertFalse(c != '\n' && (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0),
                    "a raw control character " + (int) c + " at " + i + ": " + err);
        }
        for (String line : err.split("\n")) {
            assertFalse(line.startsWith("paddock: learn:   --ro FORGED"), "a forged line: " + err);
        }
        assertTrue(err.contains("\\u001B]0;TITLE-SET-BY-SANDBOX\\u0007y"), "the path shown escaped: " + err);
    }

    @Test
    void explainShowsTracedPathsEscaped() throws Exception {
        Path denied = program();
        CliTest.Result result = CliTest.paddock("run", "--explain", "--rox", "/usr", "--ro", root.toString(), "--",
                "/usr/bin/python3", root.resolve("esc.py").toString(), denied.toString());
        assertEquals(0, result.exit(), result.err());
        assertClean(result.err());
        assertTrue(result.err().contains("\\u000Apaddock: learn:   --ro FORGED\\u001B[2K"), result.err());
    }

    @Test
    void explainShowsTracedPathsEscapedAsNobody() throws Exception {
        Path denied = program();
        AsNobody.openUp(root, root.resolve("esc.py"));
        AsNobody.openUp(root, denied);
        AsNobody.openUp(root, root.resolve("denied2"));
        CliTest.Result result = CliTest.paddockAsNobody(root, "run", "--explain", "--rox", "/usr", "--ro",
                root.toString(), "--", "/usr/bin/python3", root.resolve("esc.py").toString(), denied.toString());
        assertEquals(0, result.exit(), result.err());
        assertClean(result.err());
    }

    @Test
    void learnShowsTracedPathsEscaped() throws Exception {
        Path denied = program();
        CliTest.Result result = CliTest.paddock("learn", "--rox", "/usr", "--ro", root.toString(), "--",
                "/usr/bin/python3", root.resolve("esc.py").toString(), denied.toString());
        assertClean(result.err());
        assertTrue(result.err().contains("--rw ${PWD}/denied") || result.err().contains("--rw " + denied),
                "the folder they would be made in is learned: " + result.err());
        assertTrue(result.err().contains("\\u000Apaddock: learn:   --ro FORGED\\u001B[2K"), result.err());
    }
}
