package dev.paddock.core.lesson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A malformed lesson is refused with one sentence that names the lesson, the file and the field. */
class MalformedLessonTest {
    private static final String PROFILE =
            "{\"formatVersion\": 2, \"abi\": 7, \"name\": \"p\", \"command\": [\"/usr/bin/true\"]}";
    private static final String CHECK = "{\"kind\": \"runs\", \"says\": \"it runs\"}";

    private static String lesson(String extra, String checks) {
        return "{\"title\": \"t\", \"text\": \"x\", \"task\": \"y\", \"hints\": [\"h\"]" + extra
                + ", \"checks\": [" + checks + "]}";
    }

    private static String error(String lesson) {
        return assertThrows(LessonException.class, () -> LessonReader.read("01-x", lesson, PROFILE, PROFILE))
                .getMessage();
    }

    @Test
    void eachProblemIsNamed() {
        assertEquals("lesson 01-x: lesson.json is not valid JSON at line 1, column 2: Unexpected end-of-input: "
                + "expected close marker for Object",
                error("{"));
        assertEquals("lesson 01-x: lesson.json has the unknown field \"tittle\"",
                error(lesson(", \"tittle\": 1", CHECK)));
        assertEquals("lesson 01-x: lesson.json has no checks: a lesson needs at least one", error(lesson("", "")));
        assertEquals("lesson 01-x: check 1 has the unknown kind \"maybe\"",
                error(lesson("", "{\"kind\": \"maybe\", \"says\": \"s\"}")));
        assertEquals("lesson 01-x: check 1 (denied) needs a \"command\" to probe with",
                error(lesson("", "{\"kind\": \"denied\", \"says\": \"s\"}")));
        assertEquals("lesson 01-x: check 1 (denied) must print \"paddock-probe: started\" right before the access it "
                + "tests, so that a probe that cannot even start does not count as denied",
                error(lesson("", "{\"kind\": \"denied\", \"says\": \"s\", \"command\": [\"/usr/bin/cat\", \"/etc\"]}")));
        assertEquals("lesson 01-x: check 1 names the unknown right \"fly\"",
                error(lesson("", "{\"kind\": \"no-right\", \"says\": \"s\", \"path\": \"/\", \"rights\": [\"fly\"]}")));
        assertEquals("lesson 01-x: check 1 (scope) names the unknown value \"ptrace\"",
                error(lesson("", "{\"kind\": \"scope\", \"says\": \"s\", \"value\": \"ptrace\"}")));
        assertEquals("lesson 01-x: lesson.json teaches \"magic\", which is not a right, scope or flag the kernel "
                + "matrix lists", error(lesson(", \"teaches\": [\"magic\"]", CHECK)));
        assertEquals("lesson 01-x: the fixture path \"../x\" must be relative to the lesson's folder, without \"..\"",
                error(lesson(", \"fixtures\": [{\"path\": \"../x\", \"text\": \"\"}]", CHECK)));
        assertEquals("lesson 01-x: the listening port 80 must be between 1024 and 65535, so that nobody "
                + "needs privileges to open it",
                error(lesson(", \"services\": {\"tcp\": [80]}", CHECK)));
    }

    @Test
    void aBrokenProfileNamesItsFile() {
        String message = assertThrows(LessonException.class,
                () -> LessonReader.read("01-x", lesson("", CHECK), "{}", PROFILE)).getMessage();
        assertEquals(true, message.startsWith("lesson 01-x: start.json"), message);
    }

    @Test
    void aMissingFileAndABadIndexAreNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Lessons.INDEX), "01-x\n");
        Files.createDirectories(dir.resolve("01-x"));
        Files.writeString(dir.resolve("01-x/lesson.json"), lesson("", CHECK));
        Files.writeString(dir.resolve("01-x/start.json"), PROFILE);
        assertEquals(dir + ": 01-x/solution.json is missing",
                assertThrows(LessonException.class, () -> Lessons.in(dir)).getMessage());
        Files.writeString(dir.resolve(Lessons.INDEX), "../etc\n");
        assertEquals(dir + ": lessons.txt names \"../etc\", but a lesson folder is named with lower-case letters, "
                + "digits and dashes only", assertThrows(LessonException.class, () -> Lessons.in(dir)).getMessage());
    }
}
