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

    @Test
    void theListMarksTheLessonsPassed(@TempDir Path dir) throws Exception {
        Map<String, String> config = Map.of("XDG_CONFIG_HOME", dir.toString());
        CliTest.Result none = CliTest.paddockIn(dir, config, "lesson", "list");
        assertFalse(none.out().contains("passed  "), none.out());
        assertTrue(none.out().contains("0 of 8 passed (your progress: " + dir.resolve("paddock")
                .resolve("lessons.json") + ")"), none.out());
        // what a pass in `paddock lesson check` or the app writes (before: the list showed no progress)
        Files.createDirectories(dir.resolve("paddock"));
        Files.writeString(dir.resolve("paddock").resolve("lessons.json"), "{\"passed\": [\"03-files-and-folders\"]}");
        CliTest.Result one = CliTest.paddockIn(dir, config, "lesson", "list");
        assertEquals(0, one.exit());
        assertTrue(one.out().contains(" 3  passed  03-files-and-folders"), one.out());
        assertFalse(one.out().contains("passed  01-read-write"), one.out());
        assertTrue(one.out().contains("1 of 8 passed"), one.out());
    }

    @Test
    void aWrongCommandLineExitsTwoAsTheReadmeSays() throws Exception {
        // before: 1, while the README and lesson's own help list 2 for a wrong command line
        CliTest.Result noProfile = CliTest.paddock("lesson", "check", "3");
        assertEquals(2, noProfile.exit());
        assertEquals("paddock: Missing required parameter: 'PROFILE' (see: paddock lesson check --help)",
                noProfile.err().strip());
        CliTest.Result typo = CliTest.paddock("lesson", "shwo", "3");
        assertEquals(2, typo.exit());
        assertEquals("paddock: unknown command \"shwo\": did you mean show? (see: paddock lesson --help)",
                typo.err().strip());
        assertEquals(2, CliTest.paddock("lesson", "list", "--bogus").exit());
        assertEquals(2, CliTest.paddock("lint").exit(), "lint says 2 too");
        assertEquals(1, CliTest.paddock("check").exit(), "check documents 1 for any failure");
    }
}
