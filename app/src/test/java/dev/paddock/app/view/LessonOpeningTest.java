package dev.paddock.app.view;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening a lesson from the Lessons pane, as a new user did: after a file that cannot be opened, and with unsaved
 * edits in the editor. The lesson's starting profile takes the editor, or the user keeps what they have.
 */
@ExtendWith(ApplicationExtension.class)
class LessonOpeningTest extends WindowTest {
    /** A mode typo, as a new user made it. */
    private static final String BROKEN = "{\"formatVersion\": 2, \"abi\": 7, \"name\": \"broken one\", "
            + "\"command\": [\"/usr/bin/ls\"], \"paths\": [{\"path\": \"/usr\", \"mode\": \"readonly\"}]}";

    @Start
    void start(Stage stage) {
        show(stage);
    }

    private void openBroken(FxRobot robot) throws Exception {
        Files.writeString(library.resolve("broken.json"), BROKEN);
        robot.interact(() -> workspace.library().refresh());
        robot.clickOn("broken.json");
        assertTrue(showing(robot.lookup("#broken-banner").query()), "the broken file's page is shown");
    }

    @Test
    void aLessonOpenedAfterABrokenFileReplacesItsPage(FxRobot robot) throws Exception {
        openBroken(robot);
        robot.clickOn("#lessons");
        robot.clickOn("#lesson-item-3");

        assertEquals("Lesson 3: a file rule", workspace.editor().nameProperty().get());
        assertTrue(showing(robot.lookup("#profile-name").query()), "the lesson's profile is in the editor");
        assertFalse(showing(robot.lookup("#broken-banner").query()), "not the page of broken.json");
        assertEquals("", workspace.brokenFileProperty().get());
        assertFalse(robot.lookup("#save").queryButton().isDisabled(), "Save works on the lesson's profile");
        assertFalse(robot.lookup("#run").queryButton().isDisabled(), "and Run");
        assertEquals(null, workspace.shownFileProperty().getValue(), "the library no longer marks broken.json");
        awaitInsight(workspace);
        assertTrue(workspace.insight().prediction().problemProperty().get().isEmpty(),
                "the insight predicts the lesson's profile: " + workspace.insight().prediction().problemProperty()
                        .get());
    }

    @Test
    void checkDoesNotJudgeAProfileTheUserCannotSee(FxRobot robot) throws Exception {
        robot.clickOn("#lessons");
        robot.clickOn("#lesson-item-3");
        // with the lesson open, the user opens the broken file from the library: the editor is hidden
        openBroken(robot);
        robot.clickOn("#lesson-check");
        Label verdict = robot.lookup("#lesson-verdict").queryAs(Label.class);
        assertEquals("There is no profile to check: broken.json cannot be opened. Open the lesson again from All "
                + "lessons to load its starting profile, or open another profile.", verdict.getText());
        assertFalse(workspace.lessons().passedProperty().get());
        assertFalse(workspace.lessons().checkingProperty().get(), "nothing was run");

        // the solution takes the broken file's place too
        robot.clickOn("#lesson-solution");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(showing(robot.lookup("#broken-banner").query()));
        assertTrue(showing(robot.lookup("#profile-name").query()));
        assertEquals("", workspace.brokenFileProperty().get());
    }

    @Test
    void openingALessonAsksAboutUnsavedEditsFirst(FxRobot robot) {
        typeInto(robot, "#program", "/usr/bin/true");
        assertTrue(workspace.editor().dirtyProperty().get());
        robot.clickOn("#lessons");

        robot.clickOn("#lesson-item-2");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("/usr/bin/true", workspace.editor().programProperty().get(), "the edit is kept");
        assertEquals(null, workspace.lessons().currentProperty().get(), "and no lesson opened");
        assertTrue(robot.lookup("#lesson-list").queryListView().getSelectionModel().isEmpty(),
                "no lesson looks picked in the list");

        robot.clickOn("#lesson-item-2");
        robot.clickOn("Discard changes");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("02-execute", workspace.lessons().currentProperty().get().lesson().id());
        assertEquals(workspace.lessons().currentProperty().get().lesson().start(),
                workspace.editor().profileProperty().get(), "the lesson's starting profile is in the editor");
    }
}
