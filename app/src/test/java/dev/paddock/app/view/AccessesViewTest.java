package dev.paddock.app.view;

import dev.paddock.app.console.ConsoleView;
import dev.paddock.app.model.AccessRow;
import dev.paddock.app.model.PathRow;
import dev.paddock.app.model.RunSession;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.RightSet;
import javafx.css.PseudoClass;
import javafx.scene.control.DialogPane;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A traced run of cat on a file the profile does not grant: the denial shows in Accesses with its reason, the
 * console marks the line it produced, Explain says why, and Allow adds the rule, selects it, and the run again
 * succeeds without a denial. Real processes in a real sandbox; each step waits for the run to end, then reads.
 */
@ExtendWith(ApplicationExtension.class)
class AccessesViewTest extends WindowTest {

    @Start
    void start(Stage stage) {
        show(stage);
    }

    private Path secret;

    private void tracedCat(FxRobot robot, Path dir) throws Exception {
        secret = dir.resolve("secret.txt");
        Files.writeString(secret, "the secret\n");
        robot.interact(() -> {
            workspace.editor().programProperty().set("/usr/bin/cat");
            workspace.editor().argumentsProperty().set(secret.toString());
            workspace.editor().addPath("/etc/ld.so.cache", AccessMode.RO); // what the dynamic loader reads
        });
        robot.clickOn("#trace-mode");
        assertTrue(workspace.traceProperty().get(), "the toggle beside Run turns tracing on");
        robot.clickOn("#run");
        waitUntil(() -> workspace.runs().size() == 1 && !workspace.runs().get(0).isActive());
    }

    private AccessRow denial(TableView<AccessRow> table) {
        return table.getItems().stream().filter(AccessRow::denied).findFirst().orElseThrow();
    }

    @Test
    void aDenialShowsWithItsReasonAndAllowMakesTheRunAgainSucceed(FxRobot robot, @TempDir Path dir)
            throws Exception {
        tracedCat(robot, dir);
        RunSession first = workspace.runs().get(0);
        assertFalse(first.succeeded(), "cat cannot read the file");
        robot.clickOn("#show-accesses");
        @SuppressWarnings("unchecked")
        TableView<AccessRow> table = robot.lookup("#accesses-table").queryAs(TableView.class);
        AccessRow denied = denial(table);
        assertEquals(secret.toString(), denied.target());
        assertEquals("read_file on " + secret + ": no rule grants reading " + secret + " or a folder above it",
                denied.sentence());
        assertTrue(table.getItems().stream().anyMatch(r -> r.verdictLabel().equals("allowed by /usr")),
                "the program's own loading is allowed by the /usr rule");
        assertEquals(1, table.getItems().stream().filter(AccessRow::denied).count(), "the only denial");
        assertEquals("1", robot.lookup("#denied-badge").queryAs(Label.class).getText(), "the denials, counted");

        robot.clickOn("#denied-only");
        assertEquals(List.of(denied), List.copyOf(table.getItems()));
        Button allow = robot.lookup("#allow").match(Node::isVisible).queryButton();
        robot.clickOn(allow);
        assertTrue(denied.allowedProperty().get() && allow.isDisabled() && allow.getText().equals("Added"),
                "the row says its rule was added");
        PathRow added = workspace.editor().paths().get(workspace.editor().paths().size() - 1);
        assertEquals(secret.toString(), added.pathProperty().get());
        assertEquals(AccessMode.RO, added.accessProperty().get(), "the smallest rule: read-only on the file");
        @SuppressWarnings("unchecked")
        TableView<PathRow> rules = robot.lookup("#path-rules").queryAs(TableView.class);
        assertSame(added, rules.getSelectionModel().getSelectedItem(), "the rule's row is selected in the editor");
        assertTrue(rules.isVisible(), "on the Filesystem section, in view");
        assertTrue(robot.lookup("#allowed-message").queryAs(Label.class).getText()
                .startsWith("Added ro on the file " + secret));

        robot.clickOn("#rerun");
        waitUntil(() -> workspace.runs().size() == 2 && !workspace.runs().get(1).isActive());
        RunSession again = workspace.runs().get(1);
        assertEquals(0, again.exitProperty().get().exitValue(), again.output().text());
        assertTrue(again.output().text().contains("the secret"), again.output().text());
        assertEquals(0, again.accesses().deniedProperty().get(), "no denial in the run again");
        assertTrue(again.accesses().rows().stream().anyMatch(r -> r.target().equals(secret.toString())
                && r.verdictLabel().equals("allowed by " + secret)), "the new rule allows it");
    }

    @Test
    void theConsoleMarksTheLineTheDenialProducedAndExplainSaysWhy(FxRobot robot, @TempDir Path dir)
            throws Exception {
        tracedCat(robot, dir);
        ConsoleView console = robot.lookup("#console").queryAs(ConsoleView.class);
        waitUntil(() -> !console.marks().lines().isEmpty());
        List<String> marked = console.marks().lines();
        assertEquals(1, marked.size(), marked.toString());
        assertTrue(marked.get(0).contains(secret + ": Permission denied"), marked.toString());
        int line = console.area().getParagraphs().stream().map(p -> p.getText()).toList().indexOf(marked.get(0));
        assertTrue(console.marks().at(line).tip().contains("read_file on " + secret));
        robot.interact(() -> console.marks().at(line).open().run());
        @SuppressWarnings("unchecked")
        TableView<AccessRow> table = robot.lookup("#accesses-table").queryAs(TableView.class);
        assertTrue(table.isVisible(), "the mark leads to the Accesses view");
        assertEquals(secret.toString(), table.getSelectionModel().getSelectedItem().target());

        robot.clickOn(robot.lookup("#explain").match(Node::isVisible).match(n -> n.getParent() != null)
                .lookup((Button b) -> tableRowOf(b) != null && tableRowOf(b).denied()).queryButton());
        Node panel = robot.lookup("#explain-panel").query();
        String text = robot.lookup("#explain-panel").queryAll().stream().flatMap(n -> robot.from(n)
                .lookup(".label").queryAllAs(Label.class).stream()).map(Label::getText)
                .reduce("", (a, b) -> a + "\n" + b);
        assertTrue(text.contains("read_file on " + secret + " (the file or folder itself)"), text);
        assertTrue(text.contains("no rule covers " + secret + " or a folder above it"), text);
        assertTrue(text.contains("read_file — Open a file for reading. Since ABI 1 (Linux 5.13)."), text);
        assertTrue(text.contains("Allow adds ro on the file " + secret), text);
        robot.clickOn("#explain-help");
        TabPane insight = robot.lookup("#insight").queryAs(TabPane.class);
        assertEquals("Help", insight.getSelectionModel().getSelectedItem().getText(), "the link opens the help");
        // the popover fades out before its window closes
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> panel.getScene() == null || !panel.getScene().getWindow().isShowing());
    }

    @Test
    void allowOnAListingOfRootAddsReadDirAloneAndOnlyAfterTheUserConfirmsTheLintFinding(FxRobot robot)
            throws Exception {
        robot.interact(() -> {
            workspace.editor().programProperty().set("/usr/bin/ls");
            workspace.editor().argumentsProperty().set("/");
            workspace.editor().addPath("/etc/ld.so.cache", AccessMode.RO);
        });
        robot.clickOn("#trace-mode");
        robot.clickOn("#run");
        waitUntil(() -> workspace.runs().size() == 1 && !workspace.runs().get(0).isActive());
        robot.clickOn("#show-accesses");
        robot.clickOn("#denied-only");
        int rules = workspace.editor().paths().size();
        Button allow = robot.lookup("#allow").match(Node::isVisible)
                .match((Button b) -> tableRowOf(b) != null && tableRowOf(b).target().equals("/")).queryButton();
        robot.clickOn(allow);
        DialogPane dialog = waitForDialog(robot);
        assertTrue(dialog.getContentText().contains("broad-rule on /"), dialog.getContentText());
        robot.clickOn(robot.from(dialog).lookup((Button b) -> b.getText().equals("Cancel")).queryButton());
        assertEquals(rules, workspace.editor().paths().size(), "Cancel adds nothing");
        assertFalse(robot.lookup("#allowed-message").queryAs(Label.class).getParent().isVisible(), "no line yet");

        robot.clickOn(allow);
        dialog = waitForDialog(robot);
        robot.clickOn(robot.from(dialog).lookup((Button b) -> b.getText().equals("Add anyway")).queryButton());
        PathRow added = workspace.editor().paths().get(workspace.editor().paths().size() - 1);
        assertEquals("/", added.pathProperty().get());
        assertEquals(RightSet.of(FsAccess.READ_DIR), added.accessProperty().get(), "listing /, not reading the disk");
        Label message = robot.lookup("#allowed-message").queryAs(Label.class);
        assertTrue(message.getText().startsWith("Added read_dir on the directory / to the profile. The lint flags it: "
                + "broad-rule on /"), message.getText());
        assertTrue(message.getParent().getPseudoClassStates().contains(PseudoClass.getPseudoClass("risky")),
                "the line after Allow warns, it is not green");
    }

    private static DialogPane waitForDialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    private static AccessRow tableRowOf(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at instanceof javafx.scene.control.TableRow<?> row && row.getItem() instanceof AccessRow item) {
                return item;
            }
        }
        return null;
    }
}
