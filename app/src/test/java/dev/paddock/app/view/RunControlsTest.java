package dev.paddock.app.view;

import dev.paddock.app.model.RunSession;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run, its tabs and their tools. */
@ExtendWith(ApplicationExtension.class)
class RunControlsTest extends WindowTest {

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void runIsOffAndSaysWhyUntilTheProfileHasACommand(FxRobot robot) throws Exception {
        Button run = robot.lookup("#run").queryButton();
        assertTrue(run.isDisabled(), "a new profile has no command");
        assertTrue(robot.lookup("#no-program").queryAs(Label.class).isVisible());
        robot.moveTo("#profile-name").moveTo(run);
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Tooltip tip && tip.isShowing()
                && tip.getText().equals("Run is off: the profile has no command: set a program in the Command "
                + "section")));

        shortcut(robot, KeyCode.R);
        assertTrue(workspace.runs().isEmpty(), "Ctrl+R does not run it either");
        assertEquals("Cannot run: the profile has no command: set a program in the Command section",
                robot.lookup("#status-message").queryAs(Label.class).getText());

        typeInto(robot, "#program", "/usr/bin/true");
        assertFalse(run.isDisabled());
        assertFalse(robot.lookup("#no-program").queryAs(Label.class).isVisible());
    }

    @Test
    void runsOfOneProfileAreNumberedAndTheFinishedOnesCloseTogether(FxRobot robot) throws Exception {
        typeInto(robot, "#program", "/usr/bin/true");
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#run");
        }
        waitUntil(() -> workspace.runs().size() == 3 && workspace.runs().stream().noneMatch(run -> run.isActive()));
        assertEquals(List.of("New profile", "New profile #2", "New profile #3"),
                workspace.runs().stream().map(RunSession::title).toList());
        TabPane tabs = (TabPane) robot.lookup("#runs").query().lookup(".tab-pane");
        assertEquals(List.of("New profile", "New profile #2", "New profile #3"),
                tabs.getTabs().stream().map(Tab::getText).toList());

        typeInto(robot, "#program", "/usr/bin/sleep");
        typeInto(robot, "#arguments", "60");
        robot.clickOn("#run");
        waitUntil(() -> workspace.runs().size() == 4 && workspace.runs().get(3).isActive());
        robot.interact(() -> tabs.getSelectionModel().select(0));
        robot.clickOn(robot.lookup("#close-finished").match(Node::isVisible).queryButton());
        assertEquals(List.of("New profile #4"), workspace.runs().stream().map(RunSession::title).toList(),
                "the running one stays, numbered after the highest open before");
        assertEquals(1, tabs.getTabs().size());

        shortcut(robot, KeyCode.W);
        assertTrue(workspace.runs().isEmpty(), "Ctrl+W closes the run in front, and stops it");
        assertTrue(robot.lookup("#runs").tryQuery().isEmpty(), "no runs, no run pane");
    }

    @Test
    void copyTheOutputSaysCopied(FxRobot robot) throws Exception {
        typeInto(robot, "#program", "/usr/bin/echo");
        typeInto(robot, "#arguments", "hello");
        robot.clickOn("#run");
        waitUntil(() -> workspace.runs().size() == 1 && !workspace.runs().get(0).isActive());
        Button copy = robot.lookup("#copy-output").queryButton();
        robot.clickOn(copy);
        assertEquals("Copied", copy.getText());
        waitUntil(() -> copy.getText().equals("Copy"));
    }
}
