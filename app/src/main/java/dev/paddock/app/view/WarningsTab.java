package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.LintModel;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.Severity;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Insight pane's Warnings tab: the lint's findings for the profile in the editor, live, each with its severity,
 * what a program in the sandbox could do, and the fix; a badge on the tab counts the open ones. Clicking a finding
 * about a path rule selects that rule in the editor.
 */
final class WarningsTab {
    /** The style class that makes {@link CompactTabs} keep a tab's badge when it hides the tab's icon. */
    static final String BADGED = "badged";

    private WarningsTab() {
    }

    static Tab of(LintModel lint) {
        Label badge = new Label();
        badge.setId("warnings-badge");
        badge.getStyleClass().add("tab-badge");
        HBox graphic = new HBox(4, Forms.icon("fth-alert-triangle"), badge);
        graphic.setAlignment(Pos.CENTER_LEFT);
        graphic.getStyleClass().add(BADGED);

        Label summary = new Label();
        summary.setId("warnings-summary");
        summary.getStyleClass().add(Styles.TITLE_4);
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        Label explanation = Forms.help("Grants a program in the sandbox could turn against you, judged on this "
                + "kernel and this machine. A profile can accept a finding on purpose, with its reason, in its "
                + "\"acknowledged\" list.");
        VBox list = new VBox(8);
        list.setId("warnings-list");
        Runnable update = () -> {
            int open = lint.openProperty().get();
            badge.setText(Integer.toString(open));
            badge.setVisible(open > 0);
            badge.setManaged(open > 0);
            badge.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
            badge.getStyleClass().add(lint.worstProperty().get() == Severity.ERROR ? Styles.DANGER : Styles.WARNING);
            list.getChildren().clear();
            if (!lint.problemProperty().get().isEmpty()) {
                summary.setText("Cannot lint: " + lint.problemProperty().get());
                return;
            }
            summary.setText(lint.findings().isEmpty() ? "No dangerous grants found" : headline(lint));
            lint.findings().forEach(finding -> list.getChildren().add(card(lint, finding)));
        };
        lint.findings().addListener((ListChangeListener<Finding>) change -> update.run());
        lint.openProperty().addListener((obs, old, now) -> update.run());
        lint.worstProperty().addListener((obs, old, now) -> update.run());
        lint.problemProperty().addListener((obs, old, now) -> update.run());
        update.run();
        Label checking = Forms.help("Checking…");
        checking.visibleProperty().bind(lint.checkingProperty());
        checking.managedProperty().bind(lint.checkingProperty());

        VBox box = new VBox(8, summary, checking, explanation, list);
        box.getStyleClass().addAll("pane-padding", "warnings");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        Tab tab = new Tab("Warnings", scroll);
        tab.setId("tab-warnings");
        tab.setGraphic(graphic);
        return tab;
    }

    private static String headline(LintModel lint) {
        long errors = lint.findings().stream().filter(Finding::fails).count();
        int open = lint.openProperty().get();
        long accepted = lint.findings().size() - open;
        String counted = open == 0 ? "Nothing open" : errors > 0 ? plural(errors, "error")
                + (open > errors ? ", " + plural(open - errors, "warning") : "") : plural(open, "warning");
        return counted + (accepted > 0 ? " (" + accepted + " accepted)" : "");
    }

    private static String plural(long count, String word) {
        return count + " " + word + (count == 1 ? "" : "s");
    }

    /** One finding: its mark, its title and what it concerns, the attack, the fix, and the reason if accepted. */
    private static Node card(LintModel lint, Finding finding) {
        Label title = new Label(finding.rule().title());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Label concern = new Label(finding.concern().toString());
        concern.getStyleClass().add("kind-badge");
        concern.setMinHeight(Region.USE_PREF_SIZE);
        concern.setWrapText(true);
        // the concern under the title, not beside it: a long one squeezed the title to a letter a line
        VBox heading = new VBox(3, title, concern);
        Label attack = Forms.help(finding.attack());
        attack.getStyleClass().remove("text-muted");
        Label fix = Forms.help("Fix: " + finding.fix());
        Label id = Forms.help(finding.severity().word() + " · " + finding.rule().id());
        id.getStyleClass().add(Styles.TEXT_SMALL);
        VBox text = new VBox(3, heading, attack, fix, id);
        if (finding.isAccepted()) {
            Label accepted = Forms.help("Accepted by the profile: " + finding.accepted());
            text.getChildren().add(3, accepted);
        }
        Node mark = Forms.icon(finding.isAccepted() ? "fth-check-circle" : switch (finding.severity()) {
            case ERROR -> "fth-x-octagon";
            case WARNING -> "fth-alert-triangle";
            case INFO -> "fth-info";
        });
        HBox card = new HBox(8, mark, text);
        HBox.setMargin(mark, new Insets(2, 0, 0, 0));
        HBox.setHgrow(text, Priority.ALWAYS);
        card.getStyleClass().addAll("warning-card", finding.isAccepted() ? "accepted" : finding.severity().word());
        card.setId("finding-" + finding.rule().id());
        int row = lint.rowOf(finding);
        if (row >= 0) {
            card.setCursor(Cursor.HAND);
            Tooltip.install(card, new Tooltip("Select this rule in the editor"));
            card.setOnMouseClicked(e -> select(card, lint, finding));
        }
        return card;
    }

    /** Selects the path row the finding concerns in the editor's table, found again at the time of the click. */
    private static void select(Node card, LintModel lint, Finding finding) {
        int row = lint.rowOf(finding);
        if (row < 0 || card.getScene() == null || !(card.getScene().lookup("#path-rules") instanceof TableView<?>
                table)) {
            return;
        }
        showTabOf(table);
        table.getSelectionModel().clearAndSelect(row);
        table.scrollTo(row);
        table.requestFocus();
    }

    /** Brings forward every tab the node is in (the editor's Filesystem tab), so that the selected row is seen. */
    private static void showTabOf(Node node) {
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof TabPane tabs) {
                tabs.getTabs().stream().filter(tab -> tab.getContent() != null && isInside(node, tab.getContent()))
                        .findFirst().ifPresent(tab -> tabs.getSelectionModel().select(tab));
            }
        }
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }
}
