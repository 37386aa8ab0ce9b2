package dev.paddock.app.view;

import dev.paddock.app.model.LibraryModel;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileWriter;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving, the library list beside it, and files that cannot be opened. */
@ExtendWith(ApplicationExtension.class)
class LibraryAndSaveTest extends WindowTest {
    private static final String BROKEN = "{\"formatVersion\": 1, \"name\": \"Broken\", \"paths\": "
            + "[{\"path\": \"/usr\", \"mode\": \"readwrite\"}]}";

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @Test
    void afterTheFirstSaveTheSystemdExportRunsTheSavedFile(FxRobot robot) {
        typeInto(robot, "#program", "/usr/bin/true");
        robot.clickOn("#tab-export").clickOn("#export-format").clickOn("systemd");
        TextArea unit = robot.lookup("#export-systemd").queryAs(TextArea.class);
        awaitInsight(workspace);
        assertTrue(unit.getText().contains("unsaved.json"), unit.getText());
        shortcut(robot, KeyCode.S);
        awaitInsight(workspace);
        Path saved = workspace.editor().fileProperty().get();
        assertEquals(library.resolve("new-profile.json"), saved);
        assertTrue(unit.getText().contains("--profile " + saved), unit.getText());
        assertFalse(unit.getText().contains("unsaved.json"), unit.getText());
    }

    @Test
    void afterASaveTheLibraryHighlightsTheSavedProfile(FxRobot robot) throws Exception {
        Files.writeString(library.resolve("alpha.json"), ProfileWriter.write(new Profile("Alpha", "", "",
                Policy.builder().command(List.of("/usr/bin/true")).build())));
        robot.interact(() -> workspace.library().refresh());
        robot.clickOn("Deny everything");
        shortcut(robot, KeyCode.S);
        ListView<?> list = robot.lookup("#library-list").queryAs(ListView.class);
        LibraryModel.Item selected = (LibraryModel.Item) list.getSelectionModel().getSelectedItem();
        assertEquals(library.resolve("deny-everything.json"), selected.file());
        assertEquals("Deny everything", selected.title());
    }

    @Test
    void aBrokenFileTakesTheEditorsPlaceWithItsWholeErrorAndGoesWithTheNextProfile(FxRobot robot)
            throws Exception {
        Files.writeString(library.resolve("alpha.json"), ProfileWriter.write(new Profile("Alpha", "", "",
                Policy.builder().command(List.of("/usr/bin/true")).build())));
        Files.writeString(library.resolve("broken.json"), BROKEN);
        robot.interact(() -> workspace.library().refresh());
        robot.clickOn("Alpha");
        assertEquals("Alpha", workspace.editor().nameProperty().get());
        assertTrue(showing(robot.lookup("#profile-name").query()));

        robot.clickOn("broken.json");
        Label banner = robot.lookup("#broken-banner").queryAs(Label.class);
        assertTrue(showing(banner));
        assertTrue(banner.getText().contains("\"readwrite\""), banner.getText());
        assertEquals(banner.getText(), shown(banner), "the whole error, not cut");
        assertEquals("Cannot open broken.json", robot.lookup("#broken-title").queryAs(Label.class).getText());
        assertFalse(showing(robot.lookup("#profile-name").query()), "no other profile's editor under the error");
        assertTrue(robot.lookup("#save").queryButton().isDisabled());

        robot.clickOn("Alpha");
        assertTrue(showing(robot.lookup("#profile-name").query()));
        assertFalse(showing(banner));
        assertEquals("Alpha", workspace.editor().nameProperty().get());
    }

    @Test
    void aFileBrokenOutsideTheAppIsListedWithoutASave(FxRobot robot) throws Exception {
        Files.writeString(library.resolve("later.json"), BROKEN);
        waitUntil(() -> workspace.library().items().stream().anyMatch(item -> item.title().equals("later.json")
                && item.broken()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("later.json").tryQuery().isPresent());
    }
}
