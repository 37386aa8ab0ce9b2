package dev.paddock.app.view;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window at 1000x640, the smallest size a new user tried: no control may be lost. */
@ExtendWith(ApplicationExtension.class)
class LayoutTest extends WindowTest {

    @Start
    void start(Stage stage) {
        show(stage);
        stage.getScene().getWindow().setWidth(1000);
        stage.getScene().getWindow().setHeight(640);
    }

    @Test
    void theWindowsOwnButtonsStayOnScreenAndTheTabsKeepTheirTitles(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#main-menu", "#theme", "#help", "#about", "#run", "#stop", "#save"}) {
            Node node = robot.lookup(id).query();
            Bounds bounds = node.localToScene(node.getBoundsInLocal());
            assertTrue(node.isVisible() && bounds.getMaxX() <= 1000 && bounds.getMinX() >= 0, id + " " + bounds);
        }
        TabPane sections = robot.lookup("#sections").queryAs(TabPane.class);
        sections.getTabs().forEach(tab -> assertFalse(tab.getText().isEmpty(), "the editor's tabs keep titles"));
        assertTrue(robot.lookup("#runs").tryQuery().isEmpty(), "no runs, no run pane");
    }

    @Test
    void aLongStatusMessageGivesWayToTheKernelsBadgesAndWrapsWhole(FxRobot robot) {
        var template = workspace.library().items().stream().filter(item -> item.template()).findFirst()
                .orElseThrow();
        robot.interact(() -> workspace.open(template));
        Label message = robot.lookup("#status-message").queryAs(Label.class);
        assertEquals("Template opened as a new profile: Save puts a copy in your library", message.getText());
        assertWhole(message);
        for (Node badge : robot.lookup(".feature-badge").queryAll()) {
            assertEquals(((Button) badge).getText(), shown(badge));
        }
        assertEquals("Landlock ABI " + workspace.support().abi(), shown(robot.lookup("#abi-badge").query()));

        // the longest message a new user meets on the first day: Run with no program yet
        robot.interact(() -> {
            workspace.newProfile();
            workspace.run();
        });
        assertEquals("Cannot run: the profile has no command: set a program in the Command section",
                message.getText());
        assertWhole(message);
    }

    /** The label shows all of its text, on as many lines as it needs, inside the window. */
    private static void assertWhole(Label label) {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(label.getText(), shown(label), "not cut with an ellipsis");
        Bounds bounds = label.localToScene(label.getBoundsInLocal());
        assertTrue(bounds.getMaxX() <= 1000 && bounds.getMaxY() <= 640, bounds.toString());
        Text text = (Text) label.lookup(".text");
        Bounds lines = text.localToScene(text.getBoundsInLocal());
        assertTrue(lines.getMaxY() <= bounds.getMaxY() + 1 && lines.getMaxX() <= bounds.getMaxX() + 1,
                "every line inside the label: " + lines + " in " + bounds);
    }

    @Test
    void theKernelMatrixWrapsWhatEachRightControlsInsteadOfCuttingIt(FxRobot robot) {
        robot.clickOn("#abi-badge");
        WaitForAsyncUtils.waitForFxEvents();
        Window panel = Window.getWindows().stream().filter(w -> w instanceof Stage stage
                && "Landlock on this kernel".equals(stage.getTitle())).findFirst().orElseThrow();
        robot.interact(() -> panel.setWidth(920)); // as wide as it opens on a 1000-pixel screen
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> matrix = robot.lookup("#feature-matrix").queryAs(TableView.class);
        List<Text> explanations = robot.from(matrix).lookup(".wrapped-cell-text").queryAllAs(Text.class).stream()
                .filter(text -> text.getText() != null && !text.getText().isEmpty() && text.isVisible()).toList();
        assertTrue(explanations.size() >= 5, "the rows on screen show what they control");
        double tallest = 0;
        double lowest = Double.MAX_VALUE;
        for (Text text : explanations) {
            Node cell = text.getParent();
            Bounds inCell = cell.localToScene(cell.getLayoutBounds());
            Bounds lines = text.localToScene(text.getLayoutBounds());
            assertTrue(lines.getMinY() >= inCell.getMinY() - 0.5 && lines.getMaxY() <= inCell.getMaxY() + 0.5
                    && lines.getMaxX() <= inCell.getMaxX() + 0.5,
                    "\"" + text.getText() + "\" fits its row: " + lines + " in " + inCell);
            tallest = Math.max(tallest, lines.getHeight());
            lowest = Math.min(lowest, lines.getHeight());
        }
        assertTrue(tallest > 1.5 * lowest, "a long explanation takes two lines: " + tallest + " vs " + lowest);
        robot.interact(panel::hide);
    }

    @Test
    void cannotPredictSaysCoresMessageAsASentence(FxRobot robot) {
        robot.interact(() -> {
            workspace.editor().programProperty().set("/usr/bin/ls");
            workspace.editor().workingDirectoryProperty().set("/no/such/dir");
        });
        awaitInsight(workspace);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cannot predict", robot.lookup("#prediction-status").queryAs(Label.class).getText());
        Label problem = (Label) robot.lookup("#prediction-details").queryAs(VBox.class).getChildren().get(0);
        assertEquals("The working directory /no/such/dir does not exist", problem.getText());
        assertEquals("the working directory /no/such/dir does not exist",
                workspace.insight().prediction().problemProperty().get(), "core's words are unchanged");
    }
}
