package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.Workspace;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.policy.AbiUpgrade;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The centre: the profile's name and description, a banner for problems, and the sections as tabs. */
final class EditorPane extends VBox {

    EditorPane(Workspace workspace) {
        var model = workspace.editor();
        TextField name = new TextField();
        name.setId("profile-name");
        name.getStyleClass().add("profile-name");
        name.textProperty().bindBidirectional(model.nameProperty());
        Label dirty = new Label("unsaved");
        dirty.getStyleClass().addAll("dirty-mark", Styles.WARNING);
        dirty.visibleProperty().bind(model.dirtyProperty());
        Label file = new Label();
        file.getStyleClass().add("text-muted");
        file.textProperty().bind(Bindings.createStringBinding(() -> model.fileProperty().get() == null
                ? "not saved yet" : model.fileProperty().get().toString(), model.fileProperty()));
        Label written = new Label();
        written.setId("abi-label");
        written.getStyleClass().add("text-muted");
        written.textProperty().bind(Bindings.createStringBinding(() -> "written for "
                + Abi.describe(model.abiProperty().get()), model.abiProperty()));
        HBox.setHgrow(name, Priority.ALWAYS);
        TextField description = new TextField();
        description.setPromptText("What is this profile for?");
        description.textProperty().bindBidirectional(model.descriptionProperty());

        Label problem = banner("problem-banner", Styles.DANGER);
        problem.textProperty().bind(Bindings.createStringBinding(() -> model.problemProperty().get().isEmpty() ? ""
                : "This profile is not valid: " + model.problemProperty().get(), model.problemProperty()));
        Label broken = banner("broken-banner", Styles.DANGER);
        broken.textProperty().bind(Bindings.createStringBinding(() -> workspace.brokenFileProperty().get()
                .isEmpty() ? "" : "Cannot open this profile; the file is left untouched: "
                + workspace.brokenFileProperty().get(), workspace.brokenFileProperty()));

        Label upgrade = banner("upgrade-banner", Styles.ACCENT);
        upgrade.textProperty().bind(Bindings.createStringBinding(() -> upgradeText(model.upgradeProperty().get()),
                model.upgradeProperty()));
        Button upgradeButton = new Button();
        upgradeButton.setId("upgrade-abi");
        upgradeButton.textProperty().bind(Bindings.createStringBinding(() -> model.upgradeProperty().get() == null
                ? "" : model.upgradeProperty().get().title(), model.upgradeProperty()));
        upgradeButton.setOnAction(e -> model.upgradeAbi());
        upgrade.setGraphic(upgradeButton);
        upgrade.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);

        TabPane sections = new TabPane(
                tab("Command", "fth-terminal", () -> new CommandSection(model)),
                tab("Filesystem", "fth-hard-drive", () -> new FilesystemSection(model, workspace.insight())),
                tab("Network", "fth-globe", () -> new NetworkSection(model, workspace.support())),
                tab("Scopes", "fth-shield", () -> new ScopesSection(model, workspace.support())),
                tab("Advanced", "fth-sliders", () -> new AdvancedSection(model, workspace.support())));
        sections.setId("sections");
        sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(sections, Priority.ALWAYS);

        VBox header = new VBox(6, new HBox(10, name, dirty), description, new HBox(10, file, written));
        header.getStyleClass().add("editor-header");
        getChildren().addAll(header, broken, problem, upgrade, sections);
    }

    /** "Written for ABI 9 (Linux 7.1). Upgrading denies: ...", or "" when there is nothing newer. */
    private static String upgradeText(AbiUpgrade upgrade) {
        if (upgrade == null || !upgrade.available()) {
            return "";
        }
        return "Written for " + Abi.describe(upgrade.from()) + ". " + (upgrade.rights().isEmpty()
                ? upgrade.title() + " denies nothing more."
                : upgrade.title() + " denies:\n• " + String.join("\n• ", upgrade.sentences()));
    }

    private static Label banner(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.getStyleClass().addAll("banner", style);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }

    /** A section in a scroll pane, built when its tab is first shown. */
    private static Tab tab(String title, String icon, java.util.function.Supplier<javafx.scene.Node> content) {
        java.util.function.Supplier<javafx.scene.Node> scrolled = () -> {
            ScrollPane scroll = new ScrollPane(content.get());
            scroll.setFitToWidth(true);
            return scroll;
        };
        Tab tab = LazyTabs.tab(title, icon, scrolled);
        // the first tab is selected before anyone listens, so it is built now
        if (title.equals("Command")) {
            tab.setContent(scrolled.get());
        }
        return tab;
    }
}
