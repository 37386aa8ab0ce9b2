package dev.paddock.app.view;

import atlantafx.base.theme.PrimerLight;
import dev.paddock.app.PaddockApp;
import dev.paddock.app.model.Workspace;
import dev.paddock.core.interop.LandrunExporter;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileLibrary;
import dev.paddock.core.profile.ProfileWriter;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window, driven as a user would, headless under Monocle, with real sandboxed runs underneath. */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    @TempDir
    static Path library;
    private Workspace workspace;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        workspace = new Workspace(LandlockSupport.detect(), new ProfileLibrary(library));
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

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    private void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(text);
    }

    @Test
    void createsAProfileWithPathsModesAndPortsAndSavesItExactly(FxRobot robot) throws Exception {
        typeInto(robot, "#profile-name", "Lister");
        typeInto(robot, "#program", "/usr/bin/ls");
        typeInto(robot, "#arguments", "-l /etc");
        robot.clickOn("#tab-filesystem");
        robot.clickOn("#add-path");
        robot.interact(() -> workspace.editor().paths().get(1).pathProperty().set("/etc"));
        TableView<?> table = robot.lookup("#path-rules").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        ComboBox<?> mode = robot.from(table).lookup(".combo-box").nth(1).queryAs(ComboBox.class);
        robot.clickOn(mode).clickOn("rw");
        assertEquals(AccessMode.RW, workspace.editor().paths().get(1).accessProperty().get());
        robot.clickOn("#tab-network");
        robot.clickOn("#bind-port").write("8080").type(KeyCode.ENTER);
        robot.clickOn("#connect-port").write("443, 80").type(KeyCode.ENTER);
        robot.clickOn("#connect-port").write("70000").type(KeyCode.ENTER);
        assertTrue(robot.lookup("port 70000 is out of range: use 1 to 65535").tryQuery().isPresent());
        assertEquals(List.of(8080), workspace.editor().bindPorts());
        assertEquals(List.of(80, 443), workspace.editor().connectPorts());

        robot.press(KeyCode.CONTROL).press(KeyCode.S).release(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Path file = library.resolve("lister.json");
        Profile edited = workspace.editor().profileProperty().get();
        assertEquals(ProfileWriter.write(edited), Files.readString(file));
        assertEquals(List.of("/usr/bin/ls", "-l", "/etc"), edited.policy().command());
        assertTrue(!workspace.editor().dirtyProperty().get());

        robot.interact(workspace::newProfile);
        robot.interact(() -> workspace.open(file));
        assertEquals(ProfileFiles.load(file), workspace.editor().profileProperty().get());
        assertEquals("Lister", robot.lookup("#profile-name").queryTextInputControl().getText());
    }

    @Test
    void theHeaderSaysOnceThatAProfileIsNotSaved(FxRobot robot) throws Exception {
        robot.interact(() -> workspace.editor().nameProperty().set("Fresh"));
        assertTrue(workspace.editor().dirtyProperty().get());
        assertEquals("not saved yet", robot.lookup("#profile-file").queryLabeled().getText());
        assertTrue(!robot.lookup("#dirty-mark").query().isVisible(), "not also \"unsaved\" beside it");
        robot.interact(() -> {
            try {
                workspace.save();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            workspace.editor().nameProperty().set("Fresh, edited");
        });
        assertTrue(robot.lookup("#dirty-mark").query().isVisible(), "a saved profile edited since is unsaved");
        assertTrue(robot.lookup("#profile-file").queryLabeled().getText().endsWith(".json"));
    }

    @Test
    void aProfileWrittenForAnOlderAbiOffersTheUpgradeAndListsWhatItDenies(FxRobot robot) throws Exception {
        Path file = Files.copy(Path.of("..", "profiles", "tcp-client.json"), library.resolve("old-client.json"));
        robot.interact(() -> workspace.open(file));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("written for ABI 9 (Linux 7.1)", robot.lookup("#abi-label").queryLabeled().getText());
        javafx.scene.control.Label banner = robot.lookup("#upgrade-banner").queryAs(javafx.scene.control.Label.class);
        assertTrue(banner.isVisible());
        assertEquals("Written for ABI 9 (Linux 7.1): upgrade to ABI 11 (Linux 7.3) to also restrict UDP.",
                banner.getText());
        assertEquals("Upgrade to ABI 11 (Linux 7.3):\n• UDP becomes denied (ABI 10, Linux 7.2): allow the ports the "
                + "command needs (connectUdp 53 for DNS)", banner.getAccessibleHelp(), "the details, in its tooltip");
        assertTrue(banner.getStyleClass().contains("banner-info") && !banner.getStyleClass().contains("danger"),
                "information, not an error: " + banner.getStyleClass());
        assertTrue(!workspace.editor().dirtyProperty().get(), "a version 1 profile is not rewritten by opening it");
        robot.clickOn("#upgrade-abi");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(11, workspace.editor().profileProperty().get().policy().abi());
        assertTrue(workspace.editor().dirtyProperty().get(), "the upgrade is saved when the user saves");
        assertTrue(!banner.isVisible());
        assertEquals("written for ABI 11 (Linux 7.3)", robot.lookup("#abi-label").queryLabeled().getText());
    }

    @Test
    void theLiveExportLineIsCoresExporter(FxRobot robot) {
        typeInto(robot, "#program", "/usr/bin/env");
        robot.clickOn("#tab-export");
        TextArea landrun = robot.lookup("#export-landrun").queryAs(TextArea.class);
        WindowTest.awaitInsight(workspace);
        assertEquals(LandrunExporter.export(workspace.editor().profileProperty().get()).text(), landrun.getText());
        robot.clickOn("#tab-network");
        robot.clickOn("#connect-port").write("8443").type(KeyCode.ENTER);
        WindowTest.awaitInsight(workspace);
        assertEquals(LandrunExporter.export(workspace.editor().profileProperty().get()).text(), landrun.getText());
        assertTrue(landrun.getText().contains("--connect-tcp 8443"), landrun.getText());
    }

    @Test
    void runsACommandAndShowsItsOutputAndExitCode(FxRobot robot) throws Exception {
        typeInto(robot, "#program", "/usr/bin/sh");
        typeInto(robot, "#arguments", "-c 'echo hello from the sandbox; exit 3'");
        robot.clickOn("#run");
        waitUntil(() -> robot.lookup("#run-status").queryAs(Label.class).getText().startsWith("exit code 3"));
        String console = workspace.runs().get(0).title();
        assertEquals("New profile", console);
        waitUntil(() -> consoleText(robot).contains("hello from the sandbox"));
        assertTrue(consoleText(robot).contains("[paddock] exit code 3"), consoleText(robot));
    }

    @Test
    void stopsALongRunningCommand(FxRobot robot) throws Exception {
        typeInto(robot, "#program", "/usr/bin/sleep");
        typeInto(robot, "#arguments", "60");
        robot.clickOn("#run");
        waitUntil(() -> robot.lookup("#run-status").queryAs(Label.class).getText().startsWith("running"));
        robot.clickOn("#stop-run");
        waitUntil(() -> robot.lookup("#run-status").queryAs(Label.class).getText()
                .startsWith("killed by signal 15 (SIGTERM)"));
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGracePeriod(FxRobot robot) throws Exception {
        typeInto(robot, "#program", "/usr/bin/sh");
        typeInto(robot, "#arguments", "-c \"trap '' TERM; echo ready; while :; do sleep 1; done\"");
        robot.clickOn("#run");
        waitUntil(() -> consoleText(robot).contains("ready"));
        robot.clickOn("#stop-run");
        waitUntil(() -> robot.lookup("#run-status").queryAs(Label.class).getText().startsWith("stopping: SIGKILL in"));
        waitUntil(() -> robot.lookup("#run-status").queryAs(Label.class).getText()
                .startsWith("killed by signal 9 (SIGKILL)"));
    }

    @Test
    void aBrokenProfileIsShownAsAnErrorAndLeftUntouched(FxRobot robot) throws Exception {
        byte[] broken = "{\"formatVersion\": 1, \"name\": \"x\", \"bindTcp\": [99999]}".getBytes(
                StandardCharsets.UTF_8);
        Path file = Files.write(library.resolve("broken.json"), broken);
        robot.interact(() -> workspace.library().refresh());
        robot.clickOn("broken.json");
        Label banner = robot.lookup("#broken-banner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().contains("the port 99999 in \"bindTcp\" is out of range"), banner.getText());
        assertEquals("New profile", workspace.editor().nameProperty().get());
        robot.press(KeyCode.CONTROL).press(KeyCode.S).release(KeyCode.S).release(KeyCode.CONTROL);
        assertArrayEquals(broken, Files.readAllBytes(file));
    }

    @Test
    void theKernelPanelListsEveryFeatureOfThisAbi(FxRobot robot) {
        robot.clickOn("#abi-badge");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> matrix = robot.lookup("#feature-matrix").queryAs(TableView.class);
        assertEquals(31, matrix.getItems().size());
        assertTrue(robot.from(matrix).lookup("read_file").tryQuery().isPresent(), "the matrix is on screen");
        java.util.Map<String, String> here = new java.util.HashMap<>();
        for (int row = 0; row < matrix.getItems().size(); row++) {
            here.put(String.valueOf(matrix.getColumns().get(0).getCellData(row)),
                    String.valueOf(matrix.getColumns().get(4).getCellData(row)));
        }
        for (String feature : List.of("execute", "refer", "truncate", "ioctl_dev", "bind_tcp", "connect_tcp",
                "abstract_unix_socket", "signal", "log_same_exec_off", "log_new_exec_on", "log_subdomains_off")) {
            assertEquals("enforced", here.get(feature), feature);
        }
        assertEquals("not on this kernel", here.get("resolve_unix"), "resolve_unix needs ABI 9");
        for (String feature : List.of("bind_udp", "connect_send_udp", "quiet", "tsync", "no_new_privs")) {
            assertEquals("not on this kernel", here.get(feature), feature + " needs ABI 8 or newer");
        }
        assertEquals("enforced", here.get("errata"), "the errata query came with ABI 7");
        assertTrue(robot.lookup("#kernel-errata").queryAs(javafx.scene.control.Label.class).getText()
                .startsWith("Errata fixed in this kernel:"));
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s
                && s.getTitle().equals("Landlock on this kernel")).toList().forEach(Window::hide));
    }

    @Test
    void theFilesystemSectionShowsRulesWithTheirKinds(FxRobot robot) throws Exception {
        robot.interact(() -> {
            workspace.editor().addPath("/etc/hostname", AccessMode.RO);
            workspace.editor().addPath("/no/such/path", AccessMode.RW);
            workspace.editor().addPath("/tmp", new dev.paddock.core.policy.RightSet(java.util.EnumSet.of(
                    dev.paddock.core.landlock.FsAccess.READ_FILE, dev.paddock.core.landlock.FsAccess.TRUNCATE)));
        });
        robot.clickOn("#tab-filesystem");
        assertTrue(robot.lookup("folder").tryQuery().isPresent());
        assertTrue(robot.lookup("file").tryQuery().isPresent());
        assertTrue(robot.lookup("missing").tryQuery().isPresent());
        robot.interact(() -> {
            var image = robot.lookup("#main").query().getScene().snapshot(null);
            try {
                Files.createDirectories(Path.of("target"));
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                        Path.of("target", "filesystem-section.png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void theEnvironmentCountReadsNaturally(FxRobot robot) {
        Label count = robot.lookup("#environment-count").queryAs(Label.class);
        robot.interact(() -> workspace.editor().environment().clear());
        assertEquals("0 variables", count.getText());
        robot.interact(() -> workspace.editor().environment().add(
                new dev.paddock.app.model.EnvRow("LANG", true, "")));
        assertEquals("1 variable", count.getText());
        robot.interact(() -> workspace.editor().environment().add(
                new dev.paddock.app.model.EnvRow("TERM", false, "dumb")));
        assertEquals("2 variables", count.getText());
    }

    @Test
    void aTooltipIsMadeWhenThePointerFirstEntersAndThenShows(FxRobot robot) throws Exception {
        Button run = robot.lookup("#run").queryButton();
        assertNull(run.getTooltip(), "no popup window is made before it is needed");
        assertEquals("Run the profile in its sandbox (Ctrl+R)", run.getAccessibleHelp(), "screen readers have it");
        typeInto(robot, "#program", "/usr/bin/true"); // Run is off, and has no tooltip of its own, without a command
        robot.moveTo("#save").moveTo(run);
        waitUntil(() -> run.getTooltip() != null && run.getTooltip().isShowing());
        assertEquals("Run the profile in its sandbox (Ctrl+R)", run.getTooltip().getText());
        robot.moveTo("#profile-name");
        waitUntil(() -> !run.getTooltip().isShowing());
    }

    @Test
    void aUserProfileHasAMenuInTheLibraryAndATemplateHasNone(FxRobot robot) throws Exception {
        Profile profile = new Profile("Menu test", "", "", dev.paddock.core.policy.Policy.builder()
                .command(List.of("/usr/bin/true")).build());
        Files.writeString(library.resolve("menu-test.json"), ProfileWriter.write(profile));
        robot.interact(() -> workspace.library().refresh());
        requestMenu(robot, "Menu test");
        assertTrue(robot.lookup("Rename…").tryQuery().isPresent());
        assertTrue(robot.lookup("Duplicate").tryQuery().isPresent());
        assertTrue(robot.lookup("Delete…").tryQuery().isPresent());
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w instanceof ContextMenu)
                .forEach(Window::hide));
        assertTrue(robot.lookup("Rename…").tryQuery().isEmpty());
        requestMenu(robot, "Deny everything");
        assertTrue(robot.lookup("Rename…").tryQuery().isEmpty(), "templates are not renamed or deleted");
    }

    /** What a right click or the menu key sends (the headless test platform sends none of its own). */
    private static void requestMenu(FxRobot robot, String text) {
        javafx.scene.Node node = robot.lookup(text).query();
        javafx.geometry.Bounds bounds = node.localToScreen(node.getBoundsInLocal());
        robot.interact(() -> javafx.event.Event.fireEvent(node, new ContextMenuEvent(
                ContextMenuEvent.CONTEXT_MENU_REQUESTED, 1, 1, bounds.getCenterX(), bounds.getCenterY(), false,
                null)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String consoleText(FxRobot robot) {
        return robot.lookup("#console").queryAs(dev.paddock.app.console.ConsoleView.class).text();
    }
}
