package dev.paddock.app;

import dev.paddock.core.landlock.FsAccess;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The path rules table and the custom-rights dialog, driven as a user would. */
@ExtendWith(ApplicationExtension.class)
class PathRulesTest extends WindowTest {

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void theRightsDialogShowsEachRightsNameInFullThenItsSentence(FxRobot robot) {
        robot.clickOn("#tab-filesystem");
        robot.clickOn(robot.lookup(".custom-rights").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        GridPane grid = robot.lookup("#rights-grid").queryAs(GridPane.class);
        for (FsAccess right : FsAccess.values()) {
            CheckBox box = robot.lookup("#right-" + right.id()).queryAs(CheckBox.class);
            assertEquals(right.id(), shown(box), "the name of " + right);
            Label sentence = (Label) grid.getChildren().stream().filter(node -> GridPane.getColumnIndex(node) == 1
                    && GridPane.getRowIndex(node) == GridPane.getRowIndex(box)).findFirst().orElseThrow();
            assertEquals(sentence.getText(), shown(sentence), "the sentence of " + right);
            assertEquals(true, sentence.getText().contains(right.explanation()), sentence.getText());
        }
        Node cancel = robot.lookup("Cancel").query();
        robot.clickOn(cancel);
    }
}
