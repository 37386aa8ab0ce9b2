package dev.paddock.core.cli;

import dev.paddock.core.lesson.LessonProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code paddock lesson}: list, show the starting profile, check it (fails), check the solution (passes). */
class LessonCliTest {

    @Test
    void aLearnerChecksTheStartAndTheSolution(@TempDir Path dir) throws Exception {
        CliTest.Result list = CliTest.paddockIn(dir, "lesson", "list");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains("03-files-and-folders"), list.out());
        CliTest.Result start = CliTest.paddockIn(dir, "lesson", "show", "--json", "3");
        Files.writeString(dir.resolve("start.json"), start.out());
        Map<String, String> config = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Path progress = dir.resolve("config").resolve("paddock").resolve("lessons.json");
        CliTest.Result failed = CliTest.paddockIn(dir, config, "lesson", "check", "3", "start.json");
        assertEquals(1, failed.exit(), failed.out() + failed.err());
        assertTrue(failed.out().contains("FAIL  Reading /etc/passwd is denied."), failed.out());
        CliTest.Result solution = CliTest.paddockIn(dir, "lesson", "show", "--json", "--solution", "3");
        Files.writeString(dir.resolve("solution.json"), solution.out());
        assertFalse(new LessonProgress(progress).passed("03-files-and-folders"), "a failed check records nothing");
        CliTest.Result passed = CliTest.paddockIn(dir, config, "lesson", "check", "03-files-and-folders",
                "solution.json");
        assertEquals(0, passed.exit(), passed.out() + passed.err());
        assertTrue(new LessonProgress(progress).passed("03-files-and-folders"),
                "the pass is recorded where the app's Lessons pane reads it");
        assertTrue(passed.out().contains("Passed: A file rule or a folder rule"), passed.out());
        CliTest.Result missing = CliTest.paddockIn(dir, "lesson", "show", "99");
        assertEquals(2, missing.exit());
        assertEquals("paddock: there is no lesson \"99\": `paddock lesson list` shows them\n", missing.err());
    }
}
