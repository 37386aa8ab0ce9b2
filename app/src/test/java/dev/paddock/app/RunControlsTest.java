package dev.paddock.app;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

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
}
