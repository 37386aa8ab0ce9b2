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
        return Fx.onFx(() -> {
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
        LearnModel model = Fx.onFx(() -> new LearnModel(editor));
        assertEquals("/usr/bin/cat a b c", model.command());
        assertFalse(Fx.onFx(model::canUse), "nothing learned yet");
        Fx.run(() -> {
            model.start();
        });
        waitFor(() -> Fx.onFx(() -> model.stateProperty().get() == LearnModel.State.CHOOSING), model);
        assertEquals(List.of("--ro " + data), Fx.onFx(() -> flags(model)), "as a folder rule, the three files' folder");
        Fx.run(() -> {
            model.foldersProperty().set(false);
        });
        assertEquals(List.of("--ro " + data.resolve("a"), "--ro " + data.resolve("b"), "--ro " + data.resolve("c")),
                Fx.onFx(() -> flags(model)), "as tight rules, one per file");
        LearnModel.Choice c = Fx.onFx(() -> model.proposed().get(2));
        assertTrue(c.reason().matches("round 1: cat tried to read .*/data/c"), c.reason());
        assertTrue(Fx.onFx(() -> model.rounds().get(0).summary()).startsWith("Round 1: exit 1, 3 denials"));
        assertTrue(Fx.onFx(() -> model.outputProperty().get()).contains("cat: a: Permission denied"));
        Fx.run(() -> {
            c.acceptedProperty().set(false);
            model.next();
        });
        waitFor(() -> Fx.onFx(() -> model.stateProperty().get() == LearnModel.State.CHOOSING), model);
        assertEquals("a\nb\n/usr/bin/cat: c: Permission denied\n", Fx.onFx(() -> model.outputProperty().get()));
        LearnModel.Choice again = Fx.onFx(() -> model.proposed().get(0));
        assertEquals("--ro " + data.resolve("c"), again.rule().flag());
        assertTrue(again.leftOutBefore() && !again.acceptedProperty().get(), "left out before: starts unticked");
        Fx.run(() -> {
            model.next();
        });
        waitFor(() -> Fx.onFx(() -> model.stateProperty().get() == LearnModel.State.FINISHED), model);
        assertTrue(Fx.onFx(() -> model.statusProperty().get()).startsWith("Stopped: no fix widens the profile"));

        List<String> before = Fx.onFx(() -> paths(editor));
        assertEquals(List.of("/usr"), before);
        assertTrue(Fx.onFx(model::use));
        List<String> learned = Fx.onFx(() -> paths(editor));
        assertTrue(learned.contains(data.resolve("a").toString()) && learned.contains(data.resolve("b").toString()),
                learned.toString());
        assertFalse(learned.contains(data.resolve("c").toString()) || learned.contains(data.toString()),
                "the unticked rule stayed out: " + learned);
        assertTrue(learned.contains("/usr/bin/cat"), "the program itself: " + learned);
        assertEquals("/usr/bin/cat", Fx.onFx(() -> editor.programProperty().get()), "the command stays");
        assertEquals(data.toString(), Fx.onFx(() -> editor.workingDirectoryProperty().get()));
        assertTrue(Fx.onFx(() -> editor.notesProperty().get()).contains("round 1: cat tried to read"));
        assertTrue(Fx.onFx(() -> editor.dirtyProperty().get()), "unsaved");
        Fx.run(() -> {
            editor.undo();
        });
        assertEquals(before, Fx.onFx(() -> paths(editor)), "one Undo takes the learned profile back");
    }

    @Test
    void aRuleTheLintJudgesAnErrorStartsUntickedWithItsWarning() throws Exception {
        Path repo = Files.createDirectories(root.resolve("repo"));
        assertEquals(0, new ProcessBuilder("/usr/bin/git", "init", "-q", ".").directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor());
        EditorModel editor = editorWith(Policy.builder().readExec("/usr").readExec("/etc").readWrite("/dev/null")
                .command("/usr/bin/git", "status", "--porcelain").workingDirectory(repo.toString()).build());
        LearnModel model = Fx.onFx(() -> new LearnModel(editor));
        Fx.run(() -> {
            model.foldersProperty().set(false);
            model.start();
        });
        String git = repo.resolve(".git").toString();
        for (int round = 0; round < 8; round++) {
            waitFor(() -> Fx.onFx(() -> model.stateProperty().get() != LearnModel.State.RUNNING), model);
            LearnModel.Choice hooks = Fx.onFx(() -> model.proposed().stream()
                    .filter(c -> c.rule().path() != null && c.rule().path().startsWith(git)
                            && c.rule().lintError()).findFirst().orElse(null));
            if (hooks != null) {
                assertFalse(Fx.onFx(() -> hooks.acceptedProperty().get()), "a lint error starts unticked");
                assertTrue(hooks.rule().warning().contains("(lint git-hooks-writable)"), hooks.rule().warning());
                assertTrue(Fx.onFx(() -> model.proposed().stream().filter(c -> !c.rule().lintError())
                        .allMatch(c -> c.acceptedProperty().get())), "the others start ticked");
                return;
            }
            assertEquals(LearnModel.State.CHOOSING, Fx.onFx(() -> model.stateProperty().get()),
                    Fx.onFx(() -> model.statusProperty().get()));
            Fx.run(model::next);
        }
        throw new AssertionError("no round proposed write access to " + git);
    }

    @Test
    void cancelEndsTheRunningRoundAndItCanRunAgain() throws Exception {
        String marker = "41.75";
        EditorModel editor = editorWith(Policy.builder().command("/usr/bin/sleep", marker).build());
        LearnModel model = Fx.onFx(() -> new LearnModel(editor));
        Fx.run(() -> {
            model.start();
        });
        waitFor(() -> sleeping(marker), model);
        assertEquals(LearnModel.State.RUNNING, Fx.onFx(() -> model.stateProperty().get()));
        assertFalse(Fx.onFx(model::canUse));
        Fx.run(() -> {
            model.cancel();
        });
        waitFor(() -> Fx.onFx(() -> model.stateProperty().get() == LearnModel.State.PAUSED), model);
        assertFalse(sleeping(marker), "no process of the round is left");
        assertTrue(Fx.onFx(() -> model.statusProperty().get()).startsWith("The round was cancelled"));
        Fx.run(() -> {
            model.next();
        });
        waitFor(() -> sleeping(marker), model);
        Fx.run(() -> {
            model.cancel();
        });
        waitFor(() -> Fx.onFx(() -> model.stateProperty().get() == LearnModel.State.PAUSED), model);
        assertFalse(sleeping(marker));
    }

    @Test
    void badInputIsOneSentence() throws Exception {
        LearnModel none = Fx.onFx(() -> new LearnModel(new EditorModel()));
        assertEquals("Cannot learn: the profile has no command: set a program in the Command section.",
                Fx.onFx(() -> none.statusProperty().get()));
        EditorModel editor = editorWith(Policy.builder().command("/usr/bin/true").build());
        LearnModel model = Fx.onFx(() -> new LearnModel(editor));
        Fx.run(() -> {
            model.timeoutProperty().set("soon");
            model.start();
        });
        assertEquals(LearnModel.State.FAILED, Fx.onFx(() -> model.stateProperty().get()));
        assertEquals("Cannot learn: the round timeout takes seconds (more than 0, at most 86400), not \"soon\"",
                Fx.onFx(() -> model.statusProperty().get()));
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
        throw new AssertionError("timed out; status: " + Fx.onFx(() -> model.statusProperty().get()));
    }
}
