package dev.paddock.app.model;

import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learning wizard's model on real runs of cat: rounds propose rules with reasons, tight or as folders; an
 * unticked rule stays out, and starts unticked when it comes back; the result goes into the editor as one edit that
 * Undo takes back; Cancel ends the running round and leaves no process.
 */
class LearnModelTest {
    @TempDir
    Path root;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private Path data() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        for (String name : List.of("a", "b", "c")) {
            Files.writeString(data.resolve(name), name + "\n");
        }
        return data;
    }

    private static EditorModel editorWith(Policy policy) throws Exception {
        return OnFx.call(() -> {
            EditorModel editor = new EditorModel();
            editor.load(new Profile("cat", "", "", policy), null);
            return editor;
        });
    }

    @Test
    void untickedRulesStayOutAndTheResultIsOneUndoableEdit() throws Exception {
        Path data = data();
        EditorModel editor = editorWith(Policy.builder().readExec("/usr").command("/usr/bin/cat", "a", "b", "c")
                .workingDirectory(data.toString()).build());
        LearnModel model = OnFx.call(() -> new LearnModel(editor));
        assertEquals("/usr/bin/cat a b c", model.command());
        assertFalse(OnFx.call(model::canUse), "nothing learned yet");
        OnFx.run(() -> {
            model.start();
        });
        waitFor(() -> OnFx.call(() -> model.stateProperty().get() == LearnModel.State.CHOOSING), model);
        assertEquals(List.of("--ro " + data), OnFx.call(() -> flags(model)), "as a folder rule, the three files' folder");
        OnFx.run(() -> {
            model.foldersProperty().set(false);
        });
        assertEquals(List.of("--ro " + data.resolve("a"), "--ro " + data.resolve("b"), "--ro " + data.resolve("c")),
                OnFx.call(() -> flags(model)), "as tight rules, one per file");
        LearnModel.Choice c = OnFx.call(() -> model.proposed().get(2));
        assertTrue(c.reason().matches("round 1: cat tried to read .*/data/c"), c.reason());
        assertTrue(OnFx.call(() -> model.rounds().get(0).summary()).startsWith("Round 1: exit 1, 3 denials"));
        assertTrue(OnFx.call(() -> model.outputProperty().get()).contains("cat: a: Permission denied"));
        OnFx.run(() -> {
            c.acceptedProperty().set(false);
            model.next();
        });
        waitFor(() -> OnFx.call(() -> model.stateProperty().get() == LearnModel.State.CHOOSING), model);
        assertEquals("a\nb\n/usr/bin/cat: c: Permission denied\n", OnFx.call(() -> model.outputProperty().get()));
        LearnModel.Choice again = OnFx.call(() -> model.proposed().get(0));
        assertEquals("--ro " + data.resolve("c"), again.rule().flag());
        assertTrue(again.leftOutBefore() && !again.acceptedProperty().get(), "left out before: starts unticked");
        OnFx.run(() -> {
            model.next();
        });
        waitFor(() -> OnFx.call(() -> model.stateProperty().get() == LearnModel.State.FINISHED), model);
        assertTrue(OnFx.call(() -> model.statusProperty().get()).startsWith("Stopped: no fix widens the profile"));

        List<String> before = OnFx.call(() -> paths(editor));
        assertEquals(List.of("/usr"), before);
        assertTrue(OnFx.call(model::use));
        List<String> learned = OnFx.call(() -> paths(editor));
        assertTrue(learned.contains(data.resolve("a").toString()) && learned.contains(data.resolve("b").toString()),
                learned.toString());
        assertFalse(learned.contains(data.resolve("c").toString()) || learned.contains(data.toString()),
                "the unticked rule stayed out: " + learned);
        assertTrue(learned.contains("/usr/bin/cat"), "the program itself: " + learned);
        assertEquals("/usr/bin/cat", OnFx.call(() -> editor.programProperty().get()), "the command stays");
        assertEquals(data.toString(), OnFx.call(() -> editor.workingDirectoryProperty().get()));
        assertTrue(OnFx.call(() -> editor.notesProperty().get()).contains("round 1: cat tried to read"));
        assertTrue(OnFx.call(() -> editor.dirtyProperty().get()), "unsaved");
        OnFx.run(() -> {
            editor.undo();
        });
        assertEquals(before, OnFx.call(() -> paths(editor)), "one Undo takes the learned profile back");
    }

    @Test
    void cancelEndsTheRunningRoundAndItCanRunAgain() throws Exception {
        String marker = "41.75";
        EditorModel editor = editorWith(Policy.builder().command("/usr/bin/sleep", marker).build());
        LearnModel model = OnFx.call(() -> new LearnModel(editor));
        OnFx.run(() -> {
            model.start();
        });
        waitFor(() -> sleeping(marker), model);
        assertEquals(LearnModel.State.RUNNING, OnFx.call(() -> model.stateProperty().get()));
        assertFalse(OnFx.call(model::canUse));
        OnFx.run(() -> {
            model.cancel();
        });
        waitFor(() -> OnFx.call(() -> model.stateProperty().get() == LearnModel.State.PAUSED), model);
        assertFalse(sleeping(marker), "no process of the round is left");
        assertTrue(OnFx.call(() -> model.statusProperty().get()).startsWith("The round was cancelled"));
        OnFx.run(() -> {
            model.next();
        });
        waitFor(() -> sleeping(marker), model);
        OnFx.run(() -> {
            model.cancel();
        });
        waitFor(() -> OnFx.call(() -> model.stateProperty().get() == LearnModel.State.PAUSED), model);
        assertFalse(sleeping(marker));
    }

    @Test
    void badInputIsOneSentence() throws Exception {
        LearnModel none = OnFx.call(() -> new LearnModel(new EditorModel()));
        assertEquals("Cannot learn: the profile has no command: set a program in the Command section.",
                OnFx.call(() -> none.statusProperty().get()));
        EditorModel editor = editorWith(Policy.builder().command("/usr/bin/true").build());
        LearnModel model = OnFx.call(() -> new LearnModel(editor));
        OnFx.run(() -> {
            model.timeoutProperty().set("soon");
            model.start();
        });
        assertEquals(LearnModel.State.FAILED, OnFx.call(() -> model.stateProperty().get()));
        assertEquals("Cannot learn: the round timeout takes seconds (more than 0, at most 86400), not \"soon\"",
                OnFx.call(() -> model.statusProperty().get()));
    }

    private static List<String> flags(LearnModel model) {
        return model.proposed().stream().map(c -> c.rule().flag()).toList();
    }

    private static List<String> paths(EditorModel editor) {
        return editor.paths().stream().map(row -> row.pathProperty().get()).toList();
    }

    private static boolean sleeping(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("")
                .endsWith("sleep " + marker));
    }

    private static void waitFor(Callable<Boolean> condition, LearnModel model) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out; status: " + OnFx.call(() -> model.statusProperty().get()));
    }
}
