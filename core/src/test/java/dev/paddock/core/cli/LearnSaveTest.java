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
 * {@code paddock learn -o} into a folder it cannot write: the reason in words, and the learned profile on stdout so
 * nothing is lost (exit code 4).
 */
class LearnSaveTest {

    @Test
    void aFolderNobodyMayNotWriteLeavesTheProfileOnStdout(@TempDir Path dir) throws Exception {
        AsNobody.openUp(dir, dir); // readable, not writable, by nobody
        Path target = dir.resolve("x.json");
        CliTest.Result result = CliTest.paddockAsNobody(Path.of("/"), "learn", "-o", target.toString(), "--",
                "/usr/bin/true");
        assertEquals(LearnMain.NOT_SAVED, result.exit(), result.err());
        assertTrue(result.err().contains("cannot be written to " + target + ": permission denied"), result.err());
        assertTrue(result.out().contains("\"command\"") && result.out().contains("/usr/bin/true"), result.out());
        assertFalse(Files.exists(target));
    }

    @Test
    void aFileWhereTheFolderShouldBeIsSaidInWords(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("plain"), "a file, not a folder");
        Path target = dir.resolve("plain/x.json");
        CliTest.Result result = CliTest.paddockIn(dir, "learn", "-o", target.toString(), "--", "/usr/bin/true");
        assertEquals(LearnMain.NOT_SAVED, result.exit(), result.err());
        assertTrue(result.err().contains("cannot be written to " + target + ": "), result.err());
        assertFalse(result.err().contains(".tmp"), "no temporary file's name: " + result.err());
        assertTrue(result.out().contains("/usr/bin/true"), result.out());
    }
}
