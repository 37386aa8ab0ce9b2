package dev.paddock.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.paddock.app.model.Workspace;
import dev.paddock.app.view.AboutDialog;
import dev.paddock.app.view.MainView;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paddock's window. System properties for screenshots, smoke tests and benchmarks: {@code paddock.open} (a profile
 * to open), {@code paddock.lesson} (a lesson to open, by number or id), {@code paddock.run} (run it), {@code paddock.screenshot} (write the window to this PNG after
 * {@code paddock.screenshot.delay} ms, then quit), {@code paddock.startup.report} (print the time to the first
 * frame, then quit).
 */
public final class PaddockApp extends Application {
    private AppSettings settings;
    private Workspace workspace;
    private boolean dark;

    @Override
    public void start(Stage stage) {
        StartupReport.mark("JavaFX started");
        settings = Preload.settings();
        dark = settings.dark();
        applyTheme();
        StartupReport.mark("theme set");
        workspace = Preload.workspace();
        StartupReport.mark("kernel detected, library read (in the background)");
        MainView view = new MainView(workspace, this::toggleTheme, () -> new AboutDialog(workspace.kernel())
                .show(stage));
        view.restoreDividers(settings.dividers());
        StartupReport.mark("main view built");
        Scene scene = new Scene(view, settings.width(), settings.height());
        scene.getStylesheets().add(PaddockApp.class.getResource("paddock.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Paddock");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = PaddockApp.class.getResourceAsStream("/dev/paddock/icons/paddock-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        }
        if (!Double.isNaN(settings.x()) && System.getProperty("paddock.screenshot") == null) {
            stage.setX(settings.x());
            stage.setY(settings.y());
        }
        stage.setMaximized(settings.maximized() && System.getProperty("paddock.screenshot") == null);
        var editor = workspace.editor();
        stage.titleProperty().bind(Bindings.createStringBinding(() ->
                workspace.brokenPathProperty().get() != null
                        ? workspace.brokenPathProperty().get().getFileName() + " (cannot be opened) — Paddock"
                        : (editor.dirtyProperty().get() ? "• " : "") + editor.nameProperty().get() + " — Paddock",
                editor.dirtyProperty(), editor.nameProperty(), workspace.brokenPathProperty()));
        stage.setOnCloseRequest(event -> {
            if (!view.confirmDiscard()) {
                event.consume();
            }
        });
        // on hiding rather than on the close request, so that Ctrl+Q, which hides the window, saves them too
        stage.setOnHiding(event -> {
            if (System.getProperty("paddock.screenshot") != null) {
                return; // a screenshot's window is not the user's
            }
            settings.saveWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
            settings.saveDividers(view.dividers());
            settings.saveLastProfile(workspace.editor().fileProperty().get());
            workspace.stopAll();
        });
        openInitialProfile();
        if (System.getProperty("paddock.lesson") != null) {
            workspace.lessons().open(System.getProperty("paddock.lesson"));
        }
        stage.show();
        StartupReport.mark("window shown");
        if (StartupReport.ENABLED) {
            reportFirstFrame();
        }
        if (Boolean.getBoolean("paddock.run")) {
            workspace.run();
        }
        String screenshot = System.getProperty("paddock.screenshot");
        if (screenshot != null) {
            PauseTransition wait = new PauseTransition(Duration.millis(Long.getLong("paddock.screenshot.delay", 2500)));
            wait.setOnFinished(e -> {
                writeSnapshot(scene, Path.of(screenshot));
                workspace.stopAll();
                Platform.exit();
            });
            wait.play();
        }
    }

    /**
     * For the start-up benchmark: a pulse starts before its frame is drawn, and the next pulse waits for the renderer,
     * so the first frame is on screen when the second pulse begins. Prints the timeline then, and quits.
     */
    private static void reportFirstFrame() {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 1) {
                    StartupReport.mark("first pulse (layout and CSS of the first frame)");
                    return;
                }
                stop();
                StartupReport.print();
                Platform.exit();
            }
        }.start();
    }

    private void openInitialProfile() {
        String requested = System.getProperty("paddock.open");
        Path file = requested != null ? Path.of(requested) : settings.lastProfile();
        if (file != null && Files.isRegularFile(file)) {
            workspace.open(file);
        }
    }

    private void toggleTheme() {
        dark = !dark;
        applyTheme();
        settings.saveTheme(dark);
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private static void writeSnapshot(Scene scene, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file.toFile());
        } catch (IOException e) {
            System.err.println("paddock: cannot write the screenshot " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (workspace != null) {
            workspace.stopAll();
        }
    }
}
