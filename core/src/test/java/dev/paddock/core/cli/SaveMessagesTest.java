package dev.paddock.core.cli;

import dev.paddock.core.lesson.LessonProgress;
import dev.paddock.core.testing.AsNobody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.paddock.core.cli.CliTest.paddock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A save that fails says which folder or file is at fault and why, in one sentence, never the name of the save's
 * temporary file or a bare path (before: "x.json: cannot be saved: /srv/.x.json.245514.tmp").
 */
class SaveMessagesTest {
    private static final String[] LINE = {"--", "--rox", "/usr", "--", "true"};

    private static String[] importTo(Path output) {
        String[] args = new String[5 + LINE.length];
        System.arraycopy(new String[] {"import", "--from", "landrun", "-o", output.toString()}, 0, args, 0, 5);
        System.arraycopy(LINE, 0, args, 5, LINE.length);
        return args;
    }

    @Test
    void aFolderThatNobodyMayWriteIsNamed(@TempDir Path top) throws Exception {
        Path dir = Files.createDirectories(top.resolve("shared"));
        AsNobody.openUp(top, dir);
        CliTest.Result result = CliTest.paddockAsNobody(dir, importTo(dir.resolve("x.json")));
        assertEquals(1, result.exit());
        assertEquals("paddock: x.json: cannot be saved: this user may not write in the folder " + dir
                + " (permission denied)", result.err().strip());
        assertFalse(result.err().contains(".tmp"), result.err());
    }

    @Test
    void aFolderThatCannotBeMadeIsNamed(@TempDir Path top) throws Exception {
        AsNobody.openUp(top, top);
        Path missing = top.resolve("missing");
        CliTest.Result result = CliTest.paddockAsNobody(top, importTo(missing.resolve("deeper").resolve("x.json")));
        assertEquals(1, result.exit());
        assertEquals("paddock: x.json: cannot be saved: the folder " + missing + " does not exist, and this user "
                + "may not make it in " + top + " (permission denied)", result.err().strip());
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("profiles"), "a file");
        CliTest.Result result = paddock(importTo(file.resolve("x.json")));
        assertEquals(1, result.exit());
        assertEquals("paddock: x.json: cannot be saved: " + file + " is a file, where a folder should be",
                result.err().strip());
        CliTest.Result deeper = paddock(importTo(file.resolve("sub").resolve("x.json")));
        assertEquals("paddock: x.json: cannot be saved: " + file + " is a file, where a folder should be",
                deeper.err().strip());
        Files.createDirectories(dir.resolve("x.json"));
        assertEquals("paddock: x.json: cannot be saved: " + dir.resolve("x.json") + " is a folder, where the file "
                + "should be", paddock(importTo(dir.resolve("x.json"))).err().strip());
    }

    @Test
    void aReadOnlyFilesystemIsNamed(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "a read-only bind mount needs root");
        // a read-only bind of the test's folder, in a mount namespace of the paddock process alone
        List<String> readOnly = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", dir.toString());
        CliTest.Result result = CliTest.paddockAfter(readOnly, importTo(dir.resolve("x.json")));
        assertEquals(1, result.exit());
        assertEquals("paddock: x.json: cannot be saved: the folder " + dir + " is on a read-only filesystem",
                result.err().strip());
        assertTrue(paddock(importTo(dir.resolve("x.json"))).err().contains("saved"), "writable outside the namespace");
    }

    @Test
    void lessonProgressSaysWhyItWasNotRecorded(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "a file");
        String unsaved = new LessonProgress(file.resolve("paddock").resolve("lessons.json"))
                .markPassed("01-read-write");
        assertEquals("your progress was not recorded: lessons.json: cannot be saved: " + file + " is a file, where "
                + "a folder should be", unsaved);
    }
}
