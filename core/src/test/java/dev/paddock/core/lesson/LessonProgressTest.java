package dev.paddock.core.lesson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lessons passed, in the file the CLI and the app share. */
class LessonProgressTest {

    @Test
    void progressIsSavedAtomicallyAndADamagedFileCountsAsNone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config").resolve("lessons.json");
        LessonProgress progress = new LessonProgress(file);
        assertFalse(progress.passed("01-read-write"));
        assertNull(progress.markPassed("01-read-write"));
        assertNull(progress.markPassed("03-files-and-folders"));
        assertEquals("{\n  \"passed\" : [ \"01-read-write\", \"03-files-and-folders\" ]\n}\n", Files.readString(file));
        assertTrue(new LessonProgress(file).passed("03-files-and-folders"));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of("lessons.json", "lessons.json.bak"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the previous content is kept as .bak, and no temporary file is left");
        }
        Files.writeString(file, "{ not json");
        assertFalse(new LessonProgress(file).passed("01-read-write"));
    }

    @Test
    void theFileIsBesideTheProfileLibrary(@TempDir Path dir) {
        assertEquals(dir.resolve("paddock").resolve("lessons.json"),
                LessonProgress.userFile(Map.of("XDG_CONFIG_HOME", dir.toString(), "HOME", "/nowhere")));
        assertEquals(Path.of("/home/ann", ".config", "paddock", "lessons.json"),
                LessonProgress.userFile(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/home/ann")),
                "a relative XDG_CONFIG_HOME is ignored, as for the library");
    }

    @Test
    void aPassAnotherProcessRecordedMeanwhileIsKept(@TempDir Path dir) {
        Path file = dir.resolve("lessons.json");
        LessonProgress app = new LessonProgress(file);
        assertNull(new LessonProgress(file).markPassed("01-read-write"), "the CLI, while the app is open");
        assertNull(app.markPassed("02-execute"));
        LessonProgress read = new LessonProgress(file);
        assertTrue(read.passed("01-read-write") && read.passed("02-execute"));
    }
}
