package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.console.ConsoleView;
import dev.paddock.app.console.LineMarks;
import dev.paddock.app.model.AccessRow;
import dev.paddock.app.model.AccessesModel;
import dev.paddock.app.model.Workspace;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A traced run's tab: Console and Accesses, switched by two buttons at the start of the run's tool line. Output lines
 * that a denial produced (when that can be told) are marked in the console and lead to the denial's row.
 */
final class RunViews {
    private RunViews() {
    }

    static void install(BorderPane content, ConsoleView console, HBox tools, AccessesModel accesses,
                        Workspace workspace, Runnable help) {
        AccessesView view = new AccessesView(accesses, new AccessesView.Actions() {
            @Override
            public String allow(AccessRow denial) {
                return workspace.allow(denial);
            }

            @Override
            public List<String> risks(AccessRow denial) {
                return workspace.allowRisks(denial);
            }

            @Override
            public void rerun() {
                workspace.run();
            }

            @Override
            public void help() {
                help.run();
            }
        }, workspace.kernel().abi());
        ToggleGroup group = new ToggleGroup();
        // the console by its icon, so that the run's tool line still fits a window 1000 pixels wide
        ToggleButton showConsole = new ToggleButton("", Forms.icon("fth-terminal"));
        showConsole.setId("show-console");
        Forms.tip(showConsole, "Console: the program's output; lines a denial produced are marked");
        showConsole.getStyleClass().add(Styles.LEFT_PILL);
        // the denials counted in a badge: "Accesses · 200 denied" did not leave the tool line room at 1000 pixels
        Label badge = new Label();
        badge.setId("denied-badge");
        badge.getStyleClass().add("denied-badge");
        badge.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%,d",
                accesses.deniedProperty().get()), accesses.deniedProperty()));
        badge.visibleProperty().bind(accesses.deniedProperty().greaterThan(0));
        badge.managedProperty().bind(badge.visibleProperty());
        HBox label = new HBox(6, Forms.icon("fth-eye"), new Label("Accesses"), badge);
        label.setAlignment(Pos.CENTER_LEFT);
        ToggleButton showAccesses = new ToggleButton("", label);
        showAccesses.setId("show-accesses");
        showAccesses.getStyleClass().add(Styles.RIGHT_PILL);
        Forms.tip(showAccesses, "What the program tried, with the verdict of this profile (the badge counts the "
                + "denied accesses): denied ones say what was missing and offer Allow and Explain");
        for (ToggleButton button : new ToggleButton[] {showConsole, showAccesses}) {
            button.setToggleGroup(group);
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        group.selectToggle(showConsole);
        // one of the two is always on: a click on the selected one leaves it selected
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                group.selectToggle(old);
            }
        });
        view.visibleProperty().bind(showAccesses.selectedProperty());
        console.visibleProperty().bind(showConsole.selectedProperty());
        content.setCenter(new StackPane(console, view));
        tools.getChildren().add(0, new HBox(showConsole, showAccesses));
        // the run's enforcement summary (also the console's first line) gives way first on a narrow tool line
        tools.getChildren().stream().filter(node -> "run-report".equals(node.getId())).findFirst().ifPresent(report -> {
            report.visibleProperty().bind(tools.widthProperty().greaterThan(1100));
            report.managedProperty().bind(report.visibleProperty());
        });
        console.markLines(line -> accesses.denialFor(line, Instant.now()).map(row -> new LineMarks.Mark(
                "Landlock denied this: " + row.sentence() + "\n(click to see it in Accesses)", () -> {
                    group.selectToggle(showAccesses);
                    view.table().getSelectionModel().select(row);
                    view.table().scrollTo(row);
                })).orElse(null));
    }
}
