package dev.paddock.app.model;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.RestrictFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.lesson.Lesson;
import dev.paddock.core.lesson.LessonProgress;
import dev.paddock.core.lesson.Lessons;
import dev.paddock.core.cli.PaddockCli;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileWriter;
import dev.paddock.core.seccomp.SeccompRule;
import javafx.beans.property.SimpleBooleanProperty;
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

/** What the Lessons pane and the kernel matrix ask of the lessons, without a window. */
class LessonModelTest {

    /**
     * Every lesson can be done in the editor: its start and its solution come back from the editor exactly as the
     * lesson wrote them (the hardening of lesson 8 included, which the editor once dropped), so Check judges what
     * the lesson means.
     */
    /** The lessons over an editor alone, as the window's workspace makes them when no broken file is shown. */
    private static LessonModel lessons(EditorModel editor, SimpleBooleanProperty trace, Path progress) {
        return new LessonModel(editor, profile -> editor.load(profile, null), () -> "", trace,
                LandlockSupport.detect(), progress);
    }

    @Test
    void theEditorKeepsEveryLessonsProfilesWhole() throws Exception {
        for (Lesson lesson : Lessons.bundled().all()) {
            for (Profile profile : new Profile[] {lesson.start(), lesson.solution()}) {
                EditorModel editor = new EditorModel();
                editor.load(profile, null);
                assertEquals(profile.policy(), editor.profileProperty().get().policy(), lesson.id());
            }
        }
        EditorModel editor = new EditorModel();
        editor.load(Lessons.bundled().find("8").orElseThrow().start(), null);
        editor.hardeningProperty(SeccompRule.UDP).set(true);
        assertTrue(editor.profileProperty().get().policy().hardening().contains(SeccompRule.UDP));
        assertNull(editor.hardeningProperty(SeccompRule.TERMINAL_INJECTION), "always on: not a choice");
    }

    @Test
    void theKernelMatrixFindsTheLessonOfARight(@TempDir Path dir) {
        LessonModel model = lessons(new EditorModel(), new SimpleBooleanProperty(), dir.resolve("lessons.json"));
        assertEquals("01-read-write", model.lessonFor(FsAccess.READ_FILE.id()).orElseThrow().lesson().id());
        assertEquals("02-execute", model.lessonFor(FsAccess.EXECUTE.id()).orElseThrow().lesson().id());
        assertEquals("04-tcp-ports", model.lessonFor(NetAccess.CONNECT_TCP.id()).orElseThrow().lesson().id());
        assertEquals("05-scopes", model.lessonFor(Scope.SIGNAL.id()).orElseThrow().lesson().id());
        assertEquals("06-refer-and-truncate", model.lessonFor(FsAccess.REFER.id()).orElseThrow().lesson().id());
        assertEquals("08-blind-spots", model.lessonFor(FsAccess.RESOLVE_UNIX.id()).orElseThrow().lesson().id());
        assertTrue(model.lessonFor(RestrictFlag.TSYNC.id()).isEmpty(), "no lesson shows it, so the row has no link");
    }

    @Test
    void openingALessonLoadsItsStartTracesAndRevealsHintsOneAtATime(@TempDir Path dir) {
        EditorModel editor = new EditorModel();
        SimpleBooleanProperty trace = new SimpleBooleanProperty(false);
        LessonModel model = lessons(editor, trace, dir.resolve("lessons.json"));
        assertTrue(model.open("02-execute"));
        assertFalse(model.open("99"));
        assertEquals("Lesson 2: execute", editor.nameProperty().get());
        assertTrue(trace.get());
        int hints = model.currentProperty().get().lesson().hints().size();
        for (int i = 0; i < hints + 2; i++) {
            model.nextHint();
        }
        assertEquals(hints, model.hintsShownProperty().get(), "no more hints than the lesson has");
        model.showSolution();
        assertEquals(model.currentProperty().get().lesson().solution().policy(),
                editor.profileProperty().get().policy());
        model.closeLesson();
        assertNull(model.currentProperty().get());
    }

    @Test
    void aPassFromTheCliShowsInTheLessonList(@TempDir Path dir) throws Exception {
        Path solution = dir.resolve("mine.json");
        Files.writeString(solution, ProfileWriter.write(Lessons.bundled().find("1").orElseThrow().solution()));
        Path config = dir.resolve("config");
        ProcessBuilder cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PaddockCli.class.getName(), "lesson", "check", "1",
                solution.toString()).redirectErrorStream(true);
        cli.environment().put("XDG_CONFIG_HOME", config.toString()); // never the real ~/.config
        Process process = cli.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), out);
        assertTrue(out.contains("Passed: "), out);

        Path progress = LessonProgress.userFile(Map.of("XDG_CONFIG_HOME", config.toString()));
        assertEquals(config.resolve("paddock").resolve("lessons.json"), progress);
        LessonModel model = lessons(new EditorModel(), new SimpleBooleanProperty(), progress);
        assertTrue(model.items().get(0).passed().get(), "lesson 1, passed in the CLI, is passed in the app");
        assertFalse(model.items().get(1).passed().get(), "lesson 2 was not checked");
    }
}
