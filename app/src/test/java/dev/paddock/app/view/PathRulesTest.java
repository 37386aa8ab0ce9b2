package dev.paddock.app.view;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.app.model.PathRow;
import dev.paddock.core.policy.AccessMode;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aNewRowInAFullTableIsInViewAndTakesWhatIsTyped(FxRobot robot) throws Exception {
        robot.interact(() -> {
            for (int i = 0; i < 30; i++) {
                workspace.editor().addPath("/tmp/rule-" + i, AccessMode.RO);
            }
        });
        robot.clickOn("#tab-filesystem");
        robot.clickOn("#add-path");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#path-rules").queryAs(TableView.class);
        Node focused = table.getScene().getFocusOwner();
        assertTrue(focused instanceof TextField && isInside(focused, table), "the new row's path field has the focus");
        Bounds field = focused.localToScene(focused.getBoundsInLocal());
        Bounds visible = table.localToScene(table.getBoundsInLocal());
        assertTrue(visible.contains(field.getMinX(), field.getMinY())
                && visible.contains(field.getMaxX() - 1, field.getMaxY() - 1), field + " in " + visible);

        robot.write("/etc").type(KeyCode.ENTER);
        List<PathRow> paths = workspace.editor().paths();
        assertEquals(32, paths.size());
        assertEquals("/etc", paths.get(31).pathProperty().get());
        robot.type(KeyCode.ENTER);
        assertEquals(32, paths.size(), "Enter after the edit adds nothing");
        assertTrue(workspace.editor().profileProperty().get().policy().paths().stream()
                .anyMatch(rule -> rule.path().equals("/etc")));
    }

    @Test
    void escapeOnANewRowRemovesIt(FxRobot robot) {
        robot.clickOn("#tab-filesystem");
        int before = workspace.editor().paths().size();
        robot.clickOn("#add-path");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before + 1, workspace.editor().paths().size());
        assertEquals("", workspace.editor().problemProperty().get(), "a draft row does not make the profile invalid");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, workspace.editor().paths().size());
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }
}
