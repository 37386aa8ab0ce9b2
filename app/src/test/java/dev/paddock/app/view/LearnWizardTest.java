package dev.paddock.app.view;

import dev.paddock.app.model.RunSession;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.trace.Trace;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learning wizard on a real program (cat of three files in a temporary folder): rounds run, an unticked rule
 * stays out (the kernel then denies what it would have allowed), and a learning with every rule kept puts into the
 * editor a profile that runs with no denial, which one Undo takes back.
 */
@ExtendWith(ApplicationExtension.class)
class LearnWizardTest extends WindowTest {
    @TempDir
    Path work;

    @Start
    void start(Stage stage) {
        show(stage);
    }

    private Path data() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        for (String name : List.of("a", "b", "c")) {
            Files.writeString(data.resolve(name), name + "\n");
        }
        return data;
    }

    @Test
    void learnUntickUseAndRun(FxRobot robot) throws Exception {
        Path data = data();
        MenuItem learn = robot.lookup("#main-menu").queryAs(MenuButton.class).getItems().stream()
                .filter(item -> "learn".equals(item.getId())).findFirst().orElseThrow();
        assertTrue(learn.isDisable(), "a new profile has no command: nothing to learn");
        robot.interact(() -> workspace.editor().load(new Profile("cat three", "", "", Policy.builder()
                .readExec("/usr").command("/usr/bin/cat", "a", "b", "c").workingDirectory(data.toString()).build()),
                null));
        assertFalse(learn.isDisable());
        List<String> before = paths();

        // first learning: tight rules, c unticked
        shortcut(robot, KeyCode.L);
        waitUntil(() -> robot.lookup("#learn-next").tryQuery().isPresent());
        assertEquals("/usr/bin/cat a b c", robot.lookup("#learn-command").queryAs(Label.class).getText());
        robot.clickOn("#learn-tight");
        robot.clickOn("#learn-next");
        ListView<?> rules = robot.lookup("#learn-rules").queryAs(ListView.class);
        waitUntil(() -> rules.getItems().size() == 3);
        assertTrue(status(robot).startsWith("Round 1: exit 1, 3 denials, 3 rules proposed"), status(robot));
        assertTrue(output(robot).contains("/usr/bin/cat: a: Permission denied"), output(robot));
        CheckBox c = tick(robot, "--ro " + data.resolve("c"));
        assertTrue(c.isSelected());
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> l.isVisible()
                && l.getText().startsWith("round 1: cat tried to read " + data.resolve("c"))), "each rule says why");
        robot.clickOn(c);
        assertFalse(c.isSelected());
        robot.clickOn("#learn-next");
        waitUntil(() -> status(robot).startsWith("Round 2: exit"));
        assertEquals("a\nb\n/usr/bin/cat: c: Permission denied\n", output(robot), "a and b are read, c is not");
        CheckBox again = tick(robot, "--ro " + data.resolve("c"));
        assertFalse(again.isSelected(), "a rule left out starts unticked when it comes back");
        robot.clickOn("#learn-next");
        waitUntil(() -> status(robot).startsWith("Stopped: no fix widens the profile further"));
        assertEquals("Finished", robot.lookup("#learn-next").queryButton().getText());
        robot.clickOn("#learn-use");
        waitUntil(() -> robot.lookup("#learn-next").tryQuery().isEmpty());
        List<String> withoutC = paths();
        assertTrue(withoutC.containsAll(List.of(data.resolve("a").toString(), data.resolve("b").toString())),
                withoutC.toString());
        assertFalse(withoutC.contains(data.resolve("c").toString()) || withoutC.contains(data.toString()),
                "the unticked rule stayed out: " + withoutC);
        assertTrue(runInTheApp(robot).contains("c: Permission denied"), "the kernel denies what was left out");
        shortcut(robot, KeyCode.Z);
        assertEquals(before, paths(), "one Undo takes the learned profile back");

        // second learning: folder rules, every rule kept, until the program succeeds
        shortcut(robot, KeyCode.L);
        waitUntil(() -> robot.lookup("#learn-next").tryQuery().isPresent());
        robot.clickOn("#learn-next");
        waitUntil(() -> status(robot).startsWith("Round 1: exit"));
        waitUntil(() -> !flags(robot).isEmpty());
        assertEquals(List.of("--ro " + data), flags(robot), "three files of one folder: the folder");
        robot.clickOn("#learn-next");
        waitUntil(() -> status(robot).startsWith("Done: the last run succeeded without a denial"));
        assertEquals("a\nb\nc\n", output(robot));
        assertEquals(2, robot.lookup("#learn-rounds").queryAs(ListView.class).getItems().size());
        robot.clickOn("#learn-use");
        waitUntil(() -> robot.lookup("#learn-next").tryQuery().isEmpty());
        assertTrue(paths().contains(data.toString()), paths().toString());
        String output = runInTheApp(robot);
        assertTrue(output.contains("\na\nb\nc\n") && output.contains("exit code 0") && !output.contains("denied"), output);
        assertEquals(List.of(), denialsOf(workspace.editor().profileProperty().get()), "a traced run: no denial");
    }

    @Test
    void theUnconfinedRunNeedsTheWarningFirst(FxRobot robot) throws Exception {
        Path data = data();
        robot.interact(() -> workspace.editor().load(new Profile("cat three", "", "", Policy.builder()
                .command("/usr/bin/cat", "a", "b", "c").workingDirectory(data.toString()).build()), null));
        shortcut(robot, KeyCode.L);
        waitUntil(() -> robot.lookup("#learn-unconfined").tryQuery().isPresent());
        CheckBox unconfined = robot.lookup("#learn-unconfined").queryAs(CheckBox.class);
        robot.clickOn(unconfined);
        waitUntil(() -> robot.lookup("Run it unconfined first").tryQuery().isPresent());
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> l.getText() != null
                && l.getText().contains("every right your user has") && l.getText().contains("/usr/bin/cat a b c")),
                "the warning names the program and what it may do");
        robot.clickOn("Cancel");
        assertFalse(unconfined.isSelected(), "without the user's yes, the first run stays confined");
        robot.clickOn(unconfined);
        waitUntil(() -> robot.lookup("Run it unconfined first").tryQuery().isPresent());
        robot.clickOn("Run it unconfined first");
        assertTrue(unconfined.isSelected());
        robot.clickOn("#learn-next");
        ListView<?> rounds = robot.lookup("#learn-rounds").queryAs(ListView.class);
        waitUntil(() -> status(robot).startsWith("Round 0 (unconfined): exit 0"));
        waitUntil(() -> !flags(robot).isEmpty());
        assertEquals(List.of("--ro " + data), flags(robot), "what it read becomes the rule");
        robot.clickOn("#learn-next");
        waitUntil(() -> status(robot).startsWith("Done: the last run succeeded"));
        assertEquals(2, rounds.getItems().size(), "the unconfined run, then one confined round that checks it");
        assertTrue(unconfined.isDisabled(), "the set-up is fixed once learning started");
    }

    private List<String> paths() {
        return workspace.editor().paths().stream().map(row -> row.pathProperty().get()).toList();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#learn-status").queryAs(Label.class).getText();
    }

    private static String output(FxRobot robot) {
        return robot.lookup("#learn-output").queryAs(TextArea.class).getText();
    }

    private static List<String> flags(FxRobot robot) {
        return robot.lookup(".check-box").queryAllAs(CheckBox.class).stream()
                .filter(box -> box.isVisible() && box.getText() != null && box.getText().startsWith("--"))
                .map(CheckBox::getText).toList();
    }

    /** The tick of a proposed rule, once its cell shows it. */
    private static CheckBox tick(FxRobot robot, String flag) throws Exception {
        waitUntil(() -> robot.lookup(".check-box").queryAllAs(CheckBox.class).stream()
                .anyMatch(box -> box.isVisible() && flag.equals(box.getText())));
        return robot.lookup(".check-box").queryAllAs(CheckBox.class).stream()
                .filter(box -> box.isVisible() && flag.equals(box.getText())).findFirst().orElseThrow();
    }

    /** Runs the editor's profile with Run and returns its output once it has ended. */
    private String runInTheApp(FxRobot robot) throws Exception {
        int runs = workspace.runs().size();
        robot.clickOn("#run");
        waitUntil(() -> workspace.runs().size() == runs + 1 && !workspace.runs().get(runs).isActive());
        RunSession session = workspace.runs().get(runs);
        return session.output().text();
    }

    /** The denials of a traced run of {@code profile}. */
    private static List<String> denialsOf(Profile profile) throws Exception {
        Policy policy = profile.policy();
        SandboxedProcess process = Sandbox.of(policy).command(policy.command()).redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD).trace().start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS));
        List<String> denials = trace.denials().stream().map(e -> e.access().describe()).toList();
        trace.close();
        return denials;
    }
}
