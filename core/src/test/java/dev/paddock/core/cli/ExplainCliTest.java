package dev.paddock.core.cli;

import dev.paddock.core.testing.AsNobody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code paddock run --explain}: each distinct denial with its fix, a summary, and the command's own exit code. */
class ExplainCliTest {
    @TempDir
    Path root;

    @Test
    void eachDenialIsExplainedAfterTheRunAndTheExitCodePassesThrough() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path file = Files.writeString(data.resolve("f"), "hello");
        Path out = Files.createDirectories(root.resolve("out"));
        CliTest.Result result = CliTest.paddock("run", "--explain", "--rox", "/usr", "--ro", data.toString(),
                "--", "/usr/bin/python3", "-S", "-I", "-c", "import sys\nprint(open('" + file + "').read())\n"
                        + "for i in range(3):\n"
                        + "    try: open('" + file + "', 'a')\n"
                        + "    except OSError: pass\n"
                        + "try: open('" + out.resolve("new") + "', 'w')\n"
                        + "except OSError: pass\n"
                        + "sys.exit(7)\n");
        assertEquals(7, result.exit(), result.err());
        assertEquals("hello\n", result.out());
        String err = result.err();
        assertTrue(err.contains("paddock: explain: denied: python3.11 tried to write " + file + " (3 times)")
                || err.contains("tried to write " + file + " (3 times)"), err);
        assertTrue(err.contains("missing: write_file on " + file + ": no rule grants writing to " + file
                + " or a folder above it"), err);
        assertTrue(err.contains("add --rw " + file), err);
        assertTrue(err.contains("tried to create " + out.resolve("new")), err);
        assertTrue(err.contains("add --rw " + out), err);
        String summary = err.lines().filter(l -> l.contains("denied (")).findFirst().orElseThrow();
        assertTrue(summary.matches("paddock: explain: \\d+ accesses denied \\(\\d+ distinct\\) among \\d+ traced; "
                + "to allow them: .*--rw " + file + ".*--rw " + out + ".*"), summary);
    }

    @Test
    void liveExplainsAsItHappensAndAnAllowedRunSaysSo() throws Exception {
        CliTest.Result denied = CliTest.paddock("run", "--explain=live", "--rox", "/usr", "--", "/usr/bin/cat",
                "/etc/hostname");
        assertEquals(1, denied.exit());
        assertTrue(denied.err().contains("tried to read /etc/hostname"), denied.err());
        assertTrue(denied.err().indexOf("tried to read /etc/hostname") < denied.err().indexOf(
                "/usr/bin/cat: /etc/hostname: Permission denied"), "printed before cat's own message: "
                + denied.err());
        CliTest.Result allowed = CliTest.paddock("run", "--explain", "--rox", "/usr", "--ro", "/etc", "--",
                "/usr/bin/cat", "/etc/hostname");
        assertEquals(0, allowed.exit(), allowed.err());
        assertTrue(allowed.err().startsWith("paddock: explain: no access was denied among "), allowed.err());
    }

    @Test
    void aDeniedListingIsFixedByListAloneWhichReadsNoFile() throws Exception {
        CliTest.Result denied = CliTest.paddock("run", "--explain", "--rox", "/usr", "--", "/usr/bin/ls", "/");
        assertTrue(denied.err().contains("fix: allow read_dir on the directory /: add --list /"), denied.err());
        assertTrue(!denied.err().matches("(?s).*--ro /(\\s.*)?"), "no ro on the whole disk: " + denied.err());
        CliTest.Result listed = CliTest.paddock("run", "--explain", "--rox", "/usr", "--list", "/", "--",
                "/usr/bin/ls", "/");
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().contains("etc\n"), listed.out());
        CliTest.Result read = CliTest.paddock("run", "--rox", "/usr", "--list", "/", "--", "/usr/bin/cat",
                "/etc/hostname");
        assertEquals(1, read.exit(), "listing / reads no file: " + read.err());
    }

    @Test
    void explainWorksForAnUnprivilegedUser() throws Exception {
        Path data = Files.createDirectories(root.resolve("mine"));
        Files.writeString(data.resolve("f"), "f");
        AsNobody.openUp(root, data.resolve("f"));
        CliTest.Result result = CliTest.paddockAsNobody(root, "run", "--explain", "--rox", "/usr", "--",
                "/usr/bin/cat", data.resolve("f").toString());
        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("tried to read " + data.resolve("f")), result.err());
        assertTrue(result.err().contains("add --ro " + data.resolve("f")), result.err());
    }

    @Test
    void explainTakesOnlyLive() throws Exception {
        CliTest.Result result = CliTest.paddock("run", "--explain=loud", "--rox", "/usr", "--", "/usr/bin/true");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("--explain takes no value, or =live"), result.err());
    }
}
