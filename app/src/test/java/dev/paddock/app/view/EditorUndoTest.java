package dev.paddock.app.view;

import dev.paddock.core.policy.AccessMode;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl+Z and Ctrl+Shift+Z over the whole editor: typing, modes, rows. */
@ExtendWith(ApplicationExtension.class)
class EditorUndoTest extends WindowTest {

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void undoAndRedoStepThroughTypingAndAModeChange(FxRobot robot) {
        var editor = workspace.editor();
        assertFalse(editor.canUndoProperty().get());
        typeInto(robot, "#program", "/usr/bin/ls");
        robot.clickOn("#tab-filesystem");
        TableView<?> table = robot.lookup("#path-rules").queryAs(TableView.class);
        ComboBox<?> mode = robot.from(table).lookup(".combo-box").queryAs(ComboBox.class);
        robot.clickOn(mode).clickOn("rw");
        assertEquals(AccessMode.RW, editor.paths().get(0).accessProperty().get());

        shortcut(robot, KeyCode.Z);
        assertEquals(AccessMode.ROX, editor.paths().get(0).accessProperty().get(), "the mode change is undone");
        assertEquals("/usr/bin/ls", editor.programProperty().get());
        robot.clickOn("#tab-command").clickOn("#program");
        shortcut(robot, KeyCode.Z);
        assertEquals("", editor.programProperty().get(), "the typing is one step, undone from the field itself");
        assertFalse(editor.dirtyProperty().get(), "back where the profile was loaded");
        assertFalse(editor.canUndoProperty().get());

        shortcut(robot, KeyCode.SHIFT, KeyCode.Z);
        assertEquals("/usr/bin/ls", editor.programProperty().get());
        shortcut(robot, KeyCode.Y);
        assertEquals(AccessMode.RW, editor.paths().get(0).accessProperty().get());
        assertFalse(editor.canRedoProperty().get());
        assertTrue(editor.dirtyProperty().get());
    }

    @Test
    void anEditAfterAnUndoDropsTheUndoneSteps(FxRobot robot) {
        var editor = workspace.editor();
        robot.interact(() -> editor.addPath("/etc", AccessMode.RO));
        robot.interact(editor::undo);
        assertEquals(1, editor.paths().size());
        robot.interact(() -> editor.addPath("/tmp", AccessMode.RW));
        assertFalse(editor.canRedoProperty().get());
        robot.interact(editor::undo);
        assertEquals(1, editor.paths().size());
        robot.interact(editor::redo);
        assertEquals("/tmp", editor.paths().get(1).pathProperty().get());
    }
}
