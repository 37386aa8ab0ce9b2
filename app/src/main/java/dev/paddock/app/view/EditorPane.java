package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.Workspace;
import dev.paddock.core.policy.AbiUpgrade;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/** The centre: the profile's name and description, a banner for problems, and the sections as tabs. */
final class EditorPane extends VBox {

    EditorPane(Workspace workspace) {
        var model = workspace.editor();
        TextField name = new TextField();
        name.setId("profile-name");
        name.getStyleClass().add("profile-name");
        name.textProperty().bindBidirectional(model.nameProperty());
        Label dirty = new Label("unsaved");
        dirty.setId("dirty-mark");
        dirty.getStyleClass().addAll("dirty-mark", Styles.WARNING);
        // a profile never saved says so once, by its file ("not saved yet"): "unsaved" beside it said it twice
        dirty.visibleProperty().bind(model.dirtyProperty().and(model.fileProperty().isNotNull()));
        Label file = new Label();
        file.setId("profile-file");
        file.getStyleClass().add("text-muted");
        file.textProperty().bind(Bindings.createStringBinding(() -> model.fileProperty().get() == null
                ? "not saved yet" : model.fileProperty().get().toString(), model.fileProperty()));
        Label written = new Label();
        written.setId("abi-label");
        written.getStyleClass().add("text-muted");
        written.textProperty().addListener((obs, old, text) -> Forms.tip(written, text));
        written.textProperty().bind(Bindings.createStringBinding(() -> "written for "
                + KernelModel.describeAbi(model.abiProperty().get()), model.abiProperty()));
        // the end of a path says most, so a long one loses its beginning; the tooltip has all of it
        file.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        file.textProperty().addListener((obs, old, text) -> Forms.tip(file, text));
        Forms.tip(file, file.getText());
        file.setMinWidth(Region.USE_PREF_SIZE); // its width is bounded below; the name gives way
        name.setMinWidth(160);
        HBox.setHgrow(name, Priority.ALWAYS);
        TextField description = new TextField();
        description.setPromptText("What is this profile for?");
        description.textProperty().bindBidirectional(model.descriptionProperty());

        Label problem = banner("problem-banner", Styles.DANGER);
        problem.textProperty().bind(Bindings.createStringBinding(() -> model.problemProperty().get().isEmpty() ? ""
                : "This profile is not valid: " + model.problemProperty().get(), model.problemProperty()));
        // what an upgrade would add is news, not a fault: the accent colours, not the danger ones
        Label upgrade = banner("upgrade-banner", "banner-info");
        upgrade.textProperty().bind(Bindings.createStringBinding(() -> upgradeText(model.upgradeProperty().get()),
                model.upgradeProperty()));
        // the headline names the ABI, so the button need not; what each right needs then is in the tooltip
        Button upgradeButton = new Button("Upgrade");
        upgradeButton.setId("upgrade-abi");
        upgradeButton.setMinWidth(Region.USE_PREF_SIZE);
        upgradeButton.setOnAction(e -> model.upgradeAbi());
        model.upgradeProperty().addListener((obs, old, now) -> {
            String details = upgradeDetails(now);
            Forms.tip(upgrade, details);
            Forms.tip(upgradeButton, details);
        });
        upgrade.setGraphic(upgradeButton);
        upgrade.setContentDisplay(ContentDisplay.RIGHT);

        TabPane sections = new TabPane(
                tab("Command", "fth-terminal", () -> new CommandSection(model)),
                tab("Filesystem", "fth-hard-drive", () -> new FilesystemSection(model, workspace.insight().prediction(), workspace.kernel())),
                tab("Network", "fth-globe", () -> new NetworkSection(model, workspace.kernel())),
                tab("Scopes", "fth-shield", () -> new ScopesSection(model, workspace.kernel())),
                tab("Advanced", "fth-sliders", () -> new AdvancedSection(model, workspace.kernel())));
        sections.setId("sections");
        // a rule selected from elsewhere (Allow in a run's Accesses) is shown where it is
        model.selectedPathProperty().addListener((obs, old, now) -> {
            if (now != null) {
                sections.getSelectionModel().select(1);
            }
        });
        sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        CompactTabs.install(sections);
        VBox.setVgrow(sections, Priority.ALWAYS);

        // the file goes on the name's line: a line of its own cost the sections a row at 1000x640
        HBox title = new HBox(10, name, dirty, file);
        // the name comes first: the file has at most a quarter of the line (or 140 px, so that "not saved yet" is
        // never cut), and only what its text needs of that
        file.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> {
            Text measure = new Text(file.getText());
            measure.setFont(file.getFont());
            return Math.min(measure.getLayoutBounds().getWidth() + 8, Math.max(140, title.getWidth() / 4));
        }, file.textProperty(), file.fontProperty(), title.widthProperty()));
        title.setAlignment(Pos.CENTER_LEFT);
        dirty.managedProperty().bind(dirty.visibleProperty());
        dirty.setMinWidth(Region.USE_PREF_SIZE);
        // the ABI goes beside the description, which gives way: on the name's line it was cut at 1000 pixels
        written.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(description, Priority.ALWAYS);
        description.setMaxWidth(Double.MAX_VALUE);
        HBox about = new HBox(10, description, written);
        about.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(6, title, about);
        header.getStyleClass().add("editor-header");
        VBox editor = new VBox(header, problem, upgrade, sections);
        VBox.setVgrow(sections, Priority.ALWAYS);
        VBox.setVgrow(editor, Priority.ALWAYS);
        Node broken = brokenPage(workspace);
        // a file that cannot be opened takes the editor's place: above another profile it read as that one's error
        editor.visibleProperty().bind(workspace.brokenFileProperty().isEmpty());
        editor.managedProperty().bind(editor.visibleProperty());
        broken.visibleProperty().bind(editor.visibleProperty().not());
        broken.managedProperty().bind(broken.visibleProperty());
        getChildren().addAll(editor, broken);
    }

    /**
     * Information, not an error: "Written for ABI 9 (Linux 7.1): upgrade to ABI 11 (Linux 7.3) to also restrict
     * UDP."; "" when there is nothing newer.
     */
    static String upgradeText(AbiUpgrade upgrade) {
        if (upgrade == null || !upgrade.available()) {
            return "";
        }
        String headline = "Written for " + KernelModel.describeAbi(upgrade.from()) + ": "
                + Character.toLowerCase(upgrade.title().charAt(0)) + upgrade.title().substring(1);
        if (upgrade.rights().isEmpty()) {
            return headline + " restricts nothing more.";
        }
        return headline + " to also restrict " + String.join(", ", upgrade.restrictedNames()) + ".";
    }

    /** One line per right the upgrade restricts, with what allows it again; "" when there is nothing newer. */
    static String upgradeDetails(AbiUpgrade upgrade) {
        if (upgrade == null || !upgrade.available() || upgrade.rights().isEmpty()) {
            return "";
        }
        return upgrade.title() + ":\n• " + String.join("\n• ", upgrade.sentences());
    }

    /** What stands in for the editor when a file cannot be opened: which file, why, in full, and what to do. */
    private static Node brokenPage(Workspace workspace) {
        Label title = new Label();
        title.setId("broken-title");
        title.getStyleClass().add("title-3");
        title.setGraphic(Forms.icon("fth-alert-triangle"));
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.textProperty().bind(Bindings.createStringBinding(() -> workspace.brokenPathProperty().get() == null
                ? "" : "Cannot open " + workspace.brokenPathProperty().get().getFileName(),
                workspace.brokenPathProperty()));
        Label error = banner("broken-banner", Styles.DANGER);
        error.textProperty().bind(workspace.brokenFileProperty());
        error.textProperty().addListener((obs, old, text) -> Forms.tip(error, text));
        Label where = Forms.help("");
        where.textProperty().bind(Bindings.createStringBinding(() -> workspace.brokenPathProperty().get() == null
                ? "" : workspace.brokenPathProperty().get() + " is left untouched. Fix it in a text editor: the "
                + "library lists it again as soon as it is saved. Or start a new profile.",
                workspace.brokenPathProperty()));
        Button newProfile = new Button("New profile",
                Forms.icon("fth-file-plus"));
        newProfile.setOnAction(e -> workspace.newProfile());
        VBox page = new VBox(12, title, error, where, newProfile);
        page.getStyleClass().add("broken-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return scroll;
    }

    /** A sentence in red that is always shown in full: it wraps, and the editor gives it the lines it needs. */
    private static Label banner(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        label.getStyleClass().addAll("banner", style);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }

    /** A section in a scroll pane, built when its tab is first shown. */
    private static Tab tab(String title, String icon, Supplier<Node> content) {
        Supplier<Node> scrolled = () -> {
            Node section = content.get();
            // never squeezed below its natural height (the pane scrolls instead); any height to spare goes to tables
            ((Region) section).setMinHeight(Region.USE_PREF_SIZE);
            ScrollPane scroll = new ScrollPane(section);
            scroll.setFitToWidth(true);
            // a section as tall as the pane at least, so that its tables can take the height there is
            scroll.setFitToHeight(true);
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
