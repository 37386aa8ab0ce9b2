package dev.paddock.app.view;

import atlantafx.base.theme.PrimerLight;
import dev.paddock.app.PaddockApp;
import dev.paddock.app.model.Workspace;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.profile.ProfileLibrary;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window as the app makes it, headless under Monocle, for tests that drive it as a user would; each test gets a
 * library folder of its own. TestFX looks for {@code @Start} in the test class only, so each one calls {@link #show}.
 */
abstract class WindowTest {
    @TempDir
    Path library;
    Workspace workspace;
    MainView view;

    void show(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(LandlockSupport.detect(), new ProfileLibrary(library));
        view = new MainView(workspace, () -> { }, () -> { });
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(PaddockApp.class.getResource("paddock.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeEverything() {
        Platform.runLater(() -> {
            if (workspace != null) {
                workspace.stopAll();
            }
            List.copyOf(Window.getWindows()).stream().filter(w -> w.getScene() == null
                    || w.getScene().getRoot() != view).forEach(Window::hide);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    static void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        shortcut(robot, KeyCode.A);
        robot.write(text);
    }

    /**
     * Waits until the insight (prediction, system calls, exports) shows the latest edit: it is computed off the FX
     * thread, so a test that reads it right after an edit waits for it first.
     */
    static void awaitInsight(Workspace workspace) {
        try {
            assertTrue(workspace.insight().awaitSettled(Duration.ofSeconds(20)),
                    "the insight of the latest edit is shown within 20 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Ctrl and the key, as the window's shortcuts take them. */
    static void shortcut(FxRobot robot, KeyCode... keys) {
        robot.press(KeyCode.CONTROL);
        robot.press(keys);
        robot.release(keys);
        robot.release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What a labelled control really shows: its text node's text, which ends in an ellipsis when it is cut. */
    static String shown(javafx.scene.Node labelled) {
        return ((Text) labelled.lookup(".text")).getText();
    }

    /** Whether the node and every parent are visible. */
    static boolean showing(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
