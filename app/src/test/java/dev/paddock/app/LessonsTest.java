package dev.paddock.app;

import atlantafx.base.theme.PrimerLight;
import dev.paddock.app.model.LessonModel;
import javafx.scene.control.Hyperlink;
import dev.paddock.app.model.PathRow;
import dev.paddock.app.model.RunSession;
import dev.paddock.app.model.Workspace;
import dev.paddock.app.view.MainView;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.profile.ProfileLibrary;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lessons pane, driven as a learner would, headless under Monocle, with real checks on the real kernel. */
@ExtendWith(ApplicationExtension.class)
class LessonsTest {
    @TempDir
    static Path config;
    private Workspace workspace;

    private static ProfileLibrary library() {
        return new ProfileLibrary(config.resolve("paddock").resolve("profiles"));
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(LandlockSupport.detect(), library());
        MainView view = new MainView(workspace, () -> { }, () -> { });
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(PaddockApp.class.getResource("paddock.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopRuns() {
        Platform.runLater(workspace::stopAll);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void checkAndWait(FxRobot robot) throws Exception {
        robot.clickOn("#lesson-check");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workspace.lessons().passedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void checkStaysInReachWhenThePaneIsShort(FxRobot robot) {
        robot.clickOn("#lessons");
        robot.clickOn("#lesson-item-1");
        var window = robot.lookup("#lesson-pane").query().getScene().getWindow();
        double height = window.getHeight();
        robot.interact(() -> window.setHeight(420));
        WaitForAsyncUtils.waitForFxEvents();
        try {
            checkIsInsideThePane(robot);
        } finally {
            robot.interact(() -> window.setHeight(height)); // the stage is shared by the tests that follow
        }
        robot.clickOn("#lesson-back");
    }

    private static void checkIsInsideThePane(FxRobot robot) {
        Node pane = robot.lookup("#lesson-pane").query();
        Node check = robot.lookup("#lesson-check").query();
        double paneBottom = pane.localToScene(pane.getBoundsInLocal()).getMaxY();
        double checkBottom = check.localToScene(check.getBoundsInLocal()).getMaxY();
        assertTrue(check.isVisible() && checkBottom <= paneBottom, "Check at " + checkBottom
                + " is inside the pane, which ends at " + paneBottom + ", without scrolling");
        ScrollPane page = robot.lookup("#lesson-page").queryAs(ScrollPane.class);
        assertEquals(0, page.getVvalue(), "the lesson itself scrolls; Check is below it");
    }

    @Test
    void aLessonFromStartToPassedIsRemembered(FxRobot robot) throws Exception {
        LessonModel lessons = workspace.lessons();
        robot.clickOn("#lessons");
        assertTrue(robot.lookup("#lesson-pane").query().isVisible());
        assertEquals("not started", robot.lookup("#lesson-item-3 .lesson-state").queryAs(Label.class).getText());
        robot.clickOn("#lesson-item-3");
        assertEquals("3. A file rule or a folder rule", robot.lookup("#lesson-title").queryAs(Label.class).getText());
        assertEquals("Lesson 3: a file rule", workspace.editor().nameProperty().get(), "the start is in the editor");
        assertTrue(workspace.traceProperty().get(), "a lesson traces its runs");

        checkAndWait(robot);
        assertFalse(lessons.passedProperty().get());
        assertTrue(robot.lookup("#lesson-verdict").queryAs(Label.class).getText().contains("criteria failed"));
        assertTrue(robot.lookup(".lesson-criterion.failed").queryAll().size() >= 2,
                "the probes of /etc/passwd and of listing /etc fail under a rule on /etc");
        assertTrue(robot.lookup(".lesson-criterion.failed .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains("/etc/passwd") || l.getText().contains("was allowed")));

        robot.clickOn("#lesson-hint");
        assertEquals(1, robot.lookup(".lesson-hint").queryAll().size());
        assertEquals("Show a hint (2 left)", robot.lookup("#lesson-hint").queryButton().getText());

        // the learner narrows the rule in the editor: /etc becomes /etc/hostname
        robot.interact(() -> {
            PathRow etc = workspace.editor().paths().stream().filter(r -> r.pathProperty().get().equals("/etc"))
                    .findFirst().orElseThrow();
            etc.pathProperty().set("/etc/hostname");
        });
        checkAndWait(robot);
        assertTrue(lessons.passedProperty().get(), robot.lookup("#lesson-verdict").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#lesson-verdict").queryAs(Label.class).getText().startsWith("Passed"));
        assertEquals(4, robot.lookup(".lesson-criterion.passed").queryAll().size());

        robot.clickOn("#lesson-back");
        assertEquals("passed", robot.lookup("#lesson-item-3 .lesson-state").queryAs(Label.class).getText());
        Path progress = config.resolve("paddock").resolve("lessons.json");
        assertTrue(Files.readString(progress).contains("03-files-and-folders"), Files.readString(progress));
        // a new window (the next start of the app) reads it back
        Workspace again = WaitForAsyncUtils.asyncFx(() -> new Workspace(LandlockSupport.detect(), library()))
                .get(10, TimeUnit.SECONDS);
        assertTrue(again.lessons().items().get(2).passed().get());
        assertFalse(again.lessons().items().get(0).passed().get());
    }

    @Test
    void runningALessonsProfileUsesAFreshCopyOfItsFolder(FxRobot robot) throws Exception {
        robot.interact(() -> {
            workspace.terminalProperty().set(false);
            workspace.lessons().open("02-execute");
            workspace.lessons().showSolution();
        });
        RunSession first = WaitForAsyncUtils.asyncFx(() -> workspace.run()).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !first.isActive());
        assertTrue(first.succeeded(), first.statusProperty().get());
        assertTrue(first.output().text().contains("hello from bin"), first.output().text());
        // the start cannot execute bin/hello: the run says so instead of failing on ${LESSON_DIR}
        robot.interact(() -> workspace.editor().load(workspace.lessons().currentProperty().get().lesson().start(),
                null));
        RunSession second = WaitForAsyncUtils.asyncFx(() -> workspace.run()).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !second.isActive());
        assertFalse(second.succeeded());
        assertFalse(second.statusProperty().get().contains("LESSON_DIR"), second.statusProperty().get());
    }

    @Test
    void theKernelMatrixLinksARightToItsLesson(FxRobot robot) throws Exception {
        robot.clickOn("#abi-badge");
        WaitForAsyncUtils.waitForFxEvents();
        Node link = robot.lookup("#kernel-lesson-read_file").query();
        assertEquals("Lesson 1", ((Hyperlink) link).getText());
        robot.clickOn(link);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(workspace.lessons().showingProperty().get());
        assertEquals("01-read-write", workspace.lessons().currentProperty().get().lesson().id());
        assertEquals("1. Read is not write", robot.lookup("#lesson-title").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#feature-matrix").tryQuery().isEmpty(), "the matrix closed");
    }

    @Test
    void theKernelMatrixLinksARightToItsHelp(FxRobot robot) throws Exception {
        robot.clickOn("#abi-badge");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#kernel-help-refer");
        WaitForAsyncUtils.waitForFxEvents();
        TabPane insight = robot.lookup("#insight").queryAs(TabPane.class);
        assertEquals("tab-help", insight.getSelectionModel().getSelectedItem().getId());
        Label entry = robot.lookup("#help-refer").queryAs(Label.class);
        assertTrue(entry.getText().startsWith("refer — "), entry.getText());
        assertTrue(entry.getStyleClass().contains("help-focus"), "the entry is marked");
        ScrollPane scroll = (ScrollPane) insight.getSelectionModel().getSelectedItem().getContent();
        assertTrue(scroll.getVvalue() > 0, "scrolled down to refer, which comes after the modes and read rights");
        assertTrue(robot.lookup("#feature-matrix").tryQuery().isEmpty(), "the matrix closed");
    }
}
