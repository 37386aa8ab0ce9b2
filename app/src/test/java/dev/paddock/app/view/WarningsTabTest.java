package dev.paddock.app.view;

import dev.paddock.app.model.PathRow;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Acknowledgement;
import dev.paddock.core.profile.Profile;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
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

/** The Warnings tab, live as the profile is edited: the finding, the badge's count, and the row it selects. */
@ExtendWith(ApplicationExtension.class)
class WarningsTabTest extends WindowTest {

    @Start
    void start(Stage stage) {
        show(stage);
    }

    private int settledCount(FxRobot robot) throws Exception {
        waitUntil(() -> !workspace.lint().checkingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return workspace.lint().openProperty().get();
    }

    /** Whether a node is on screen: it and every parent are visible. */
    private static boolean seen(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    @Test
    void rwOnHomeShowsTheFindingAndCountsItOnTheBadge(FxRobot robot) throws Exception {
        int before = settledCount(robot);
        robot.clickOn("#tab-warnings");
        robot.clickOn("#tab-filesystem");
        robot.clickOn("#add-path");
        robot.write("${HOME}").type(KeyCode.ENTER);
        List<PathRow> rows = workspace.editor().paths();
        PathRow home = rows.get(rows.size() - 1);
        assertEquals("${HOME}", home.pathProperty().get());
        robot.interact(() -> home.accessProperty().set(AccessMode.RW));
        waitUntil(() -> robot.lookup("#finding-home-writable").tryQuery().isPresent());
        int after = settledCount(robot);
        assertEquals(before + 1, after, "rw on ${HOME} is one finding more, not one per start-up file");
        Label badge = robot.lookup("#warnings-badge").queryAs(Label.class);
        assertEquals(Integer.toString(after), badge.getText());
        assertTrue(badge.isVisible() && badge.getStyleClass().contains("danger"), badge.getStyleClass().toString());
        Label summary = robot.lookup("#warnings-summary").queryAs(Label.class);
        assertTrue(summary.getText().startsWith("1 error"), summary.getText());

        TableView<?> table = robot.lookup("#path-rules").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(0));
        robot.clickOn("#tab-command");
        assertFalse(seen(table), "the path rules are behind the Command tab");
        robot.clickOn("#finding-home-writable");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(seen(table), "the editor shows its path rules");
        assertEquals(rows.indexOf(home), table.getSelectionModel().getSelectedIndex(),
                "clicking the finding selects its rule");

        robot.interact(() -> rows.remove(home));
        waitUntil(() -> robot.lookup("#finding-home-writable").tryQuery().isEmpty());
        assertEquals(before, settledCount(robot));
    }

    @Test
    void anAcceptedFindingIsShownButNotCountedAndSurvivesEditing(FxRobot robot) throws Exception {
        Profile accepting = new Profile("accepting", "", "", Policy.builder().readExec("/usr").readWrite("${HOME}")
                .build(), List.of(new Acknowledgement("home-writable", "${HOME}", "a test that accepts it")));
        robot.interact(() -> workspace.editor().load(accepting, null));
        robot.clickOn("#tab-warnings");
        waitUntil(() -> robot.lookup("#finding-home-writable").tryQuery().isPresent());
        int open = settledCount(robot);
        assertTrue(workspace.lint().findings().stream().anyMatch(f -> f.isAccepted()
                && f.accepted().equals("a test that accepts it")));
        assertEquals(workspace.lint().findings().stream().filter(f -> !f.isAccepted()).count(), open);
        assertTrue(robot.lookup("#finding-home-writable").lookup("Accepted by the profile: a test that accepts it")
                .tryQuery().isPresent());
        robot.interact(() -> workspace.editor().nameProperty().set("renamed"));
        assertFalse(workspace.editor().profileProperty().get().acknowledged().isEmpty(), "editing keeps it");
    }
}
