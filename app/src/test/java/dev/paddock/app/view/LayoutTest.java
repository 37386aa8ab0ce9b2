package dev.paddock.app.view;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

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
    void aLongStatusMessageGivesWayToTheKernelsBadges(FxRobot robot) {
        var template = workspace.library().items().stream().filter(item -> item.template()).findFirst()
                .orElseThrow();
        robot.interact(() -> workspace.open(template));
        Label message = robot.lookup("#status-message").queryAs(Label.class);
        assertTrue(message.getText().startsWith("Template"), message.getText());
        for (Node badge : robot.lookup(".feature-badge").queryAll()) {
            assertEquals(((Button) badge).getText(), shown(badge));
        }
        assertEquals("Landlock ABI " + workspace.support().abi(), shown(robot.lookup("#abi-badge").query()));
    }
}
