package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.ExportsModel;
import dev.paddock.app.model.InsightModel;
import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.LintModel;
import dev.paddock.app.model.Prediction;
import dev.paddock.app.model.Right;
import dev.paddock.core.interop.Export;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.EnforcementReport;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The right side: what the kernel will enforce, the lint's warnings, the exact system calls, every export, and help.
 */
final class InsightPane extends TabPane {

    InsightPane(InsightModel insight, LintModel lint) {
        setId("insight");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getTabs().addAll(prediction(insight), WarningsTab.of(lint), LazyTabs.tab("Ruleset", "fth-code", () -> ruleset(insight)),
                LazyTabs.tab("Export", "fth-share", () -> exports(insight)),
                LazyTabs.tab("Help", "fth-help-circle", () -> help(insight.kernel())));
        CompactTabs.install(this);
    }

    /**
     * Shows the Help tab and, when {@code rightId} names an entry in it, scrolls to that entry and marks it.
     *
     * @param rightId a right's, scope's or flag's id ("read_file"), or null for the top of the help
     */
    void showHelp(String rightId) {
        Tab help = getTabs().get(getTabs().size() - 1);
        getSelectionModel().select(help);
        if (rightId == null || !(help.getContent() instanceof ScrollPane scroll)) {
            return;
        }
        Node entry = scroll.getContent().lookup("#help-" + rightId);
        if (entry == null) {
            return;
        }
        scroll.getContent().lookupAll(".help-focus").forEach(n -> n.getStyleClass().remove("help-focus"));
        entry.getStyleClass().add("help-focus");
        // once laid out: the entry's top at the top of the view, as far as the content allows
        Platform.runLater(() -> {
            // laid out now if the pulse has not come yet (a busy machine): else the content measured 0 high
            scroll.applyCss();
            scroll.layout();
            double content = scroll.getContent().getLayoutBounds().getHeight();
            double view = scroll.getViewportBounds().getHeight();
            double top = entry.getBoundsInParent().getMinY();
            scroll.setVvalue(content <= view ? 0 : Math.min(1, top / (content - view)));
        });
    }

    /**
     * What the kernel will enforce: a headline in proportion (see {@link Prediction}), what is enforced, the gaps
     * with what they mean for this profile, warnings and notes, then Paddock's seccomp rules and what Landlock cannot
     * restrict. Each is a list of its own, so that a gap is never lost in a paragraph.
     */
    private static Tab prediction(InsightModel insight) {
        Label status = new Label();
        status.setId("prediction-status");
        status.getStyleClass().add("title-3");
        status.setWrapText(true);
        Label kernel = new Label("On this kernel: " + insight.kernel().summary() + ".");
        kernel.setWrapText(true);
        kernel.getStyleClass().add("text-muted");
        VBox lists = new VBox(14);
        lists.setId("prediction-details");
        Runnable update = () -> {
            Prediction prediction = insight.prediction().predictionProperty().get();
            status.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
            lists.getChildren().clear();
            if (prediction == null) {
                status.setText("Cannot predict");
                status.setGraphic(Forms.icon("fth-x-octagon"));
                status.getStyleClass().add(Styles.DANGER);
                lists.getChildren().add(Forms.help(Forms.sentence(insight.prediction().problemProperty().get())));
                return;
            }
            status.setText(prediction.headline());
            status.setGraphic(Forms.icon(switch (prediction.level()) {
                case FULL, NEWER_KERNEL_GAPS -> "fth-shield";
                case PARTIAL -> "fth-alert-triangle";
                case NONE -> "fth-x-octagon";
            }));
            switch (prediction.level()) {
                case FULL -> status.getStyleClass().add(Styles.SUCCESS);
                case PARTIAL -> status.getStyleClass().add(Styles.WARNING);
                case NONE -> status.getStyleClass().add(Styles.DANGER);
                case NEWER_KERNEL_GAPS -> { } // the gaps every kernel before the newest has: said below, in proportion
            }
            list(lists, "Enforced", prediction.enforced(), "fth-check", "prediction-enforced");
            list(lists, prediction.gaps().size() == 1 ? "The gap on this kernel" : "Gaps on this kernel",
                    prediction.gaps(), "fth-alert-circle", "prediction-gap");
            list(lists, "Warnings", prediction.warnings(), "fth-alert-triangle", "prediction-warning");
            list(lists, "Notes", prediction.notes(), "fth-info", "prediction-note");
            list(lists, "Paddock's seccomp layer, beside Landlock", prediction.seccomp(), null, null);
            list(lists, EnforcementReport.BLIND_SPOTS_HEADING, prediction.blindSpots(), null, null);
        };
        insight.prediction().predictionProperty().addListener((obs, old, now) -> update.run());
        insight.prediction().problemProperty().addListener((obs, old, now) -> update.run());
        update.run();
        VBox box = new VBox(8, status, kernel, lists);
        box.getStyleClass().addAll("pane-padding", "prediction");
        return tab("Prediction", "fth-activity", scroll(box));
    }

    /** A heading and one wrapped line per item, each with the icon (or a bullet); nothing when there are none. */
    private static void list(VBox into, String heading, List<String> items, String icon, String style) {
        if (items.isEmpty()) {
            return;
        }
        VBox section = new VBox(4, heading(heading));
        for (String item : items) {
            Label line = Forms.help(icon == null ? "• " + item : item);
            line.getStyleClass().remove("text-muted");
            if (icon == null) {
                section.getChildren().add(line);
                continue;
            }
            // the mark beside the first line, not the middle of a long item
            var mark = Forms.icon(icon);
            HBox row = new HBox(6, mark, line);
            row.setAlignment(Pos.TOP_LEFT);
            HBox.setMargin(mark, new Insets(3, 0, 0, 0));
            HBox.setHgrow(line, Priority.ALWAYS);
            row.getStyleClass().add(style);
            section.getChildren().add(row);
        }
        into.getChildren().add(section);
    }

    private static Node ruleset(InsightModel insight) {
        TextArea code = code("ruleset-text");
        code.textProperty().bind(insight.prediction().syscallsProperty());
        Label help = new Label("The system calls Paddock makes for each run, in order: a fresh thread installs the "
                + "seccomp filter while the app builds the ruleset, then confines itself, starts the command and "
                + "ends. They update as you edit.");
        help.setWrapText(true);
        help.getStyleClass().add("text-muted");
        VBox box = new VBox(8, help, code);
        VBox.setVgrow(code, Priority.ALWAYS);
        box.getStyleClass().add("pane-padding");
        return box;
    }

    /**
     * Every export, one at a time: a menu picks the format (five tabs did not fit the pane, and two were hidden
     * behind its overflow arrow), with the text, its warnings and a copy button.
     */
    private static Node exports(InsightModel insight) {
        ComboBox<ExportsModel.Format> format = new ComboBox<>(FXCollections.observableArrayList(
                ExportsModel.Format.values()));
        format.setId("export-format");
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExportsModel.Format value) {
                return value == null ? "" : value.label();
            }

            @Override
            public ExportsModel.Format fromString(String text) {
                return null;
            }
        });
        StackPane texts = new StackPane();
        Label warnings = new Label();
        warnings.setWrapText(true);
        warnings.setMinHeight(Region.USE_PREF_SIZE);
        warnings.getStyleClass().add(Styles.WARNING);
        Map<ExportsModel.Format, TextArea> areas = new EnumMap<>(ExportsModel.Format.class);
        Runnable showWarnings = () -> {
            Export export = insight.exports().exportProperty(format.getValue()).get();
            warnings.setText(export == null || export.exact() ? "" : "Not exact:\n• "
                    + String.join("\n• ", export.warnings()));
        };
        for (ExportsModel.Format each : ExportsModel.Format.values()) {
            TextArea text = code("export-" + each.name().toLowerCase(Locale.ROOT));
            text.setWrapText(each == ExportsModel.Format.LANDRUN || each == ExportsModel.Format.SANDBOXER);
            Runnable update = () -> {
                Export export = insight.exports().exportProperty(each).get();
                text.setText(export == null ? "" : export.text());
                if (each == format.getValue()) {
                    showWarnings.run();
                }
            };
            insight.exports().exportProperty(each).addListener((obs, old, now) -> update.run());
            update.run();
            text.visibleProperty().bind(format.valueProperty().isEqualTo(each));
            areas.put(each, text);
            texts.getChildren().add(text);
        }
        format.valueProperty().addListener((obs, old, now) -> showWarnings.run());
        format.setValue(ExportsModel.Format.LANDRUN);
        Button copy = new Button("Copy", Forms.icon("fth-copy"));
        copy.setId("copy-export");
        copy.setOnAction(e -> Forms.copy(copy, areas.get(format.getValue()).getText()));
        Label label = new Label("Format");
        label.getStyleClass().add("form-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, label, format, spacer, copy);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, top, texts, warnings);
        VBox.setVgrow(texts, Priority.ALWAYS);
        box.getStyleClass().add("pane-padding");
        return box;
    }

    private static Node help(KernelModel kernel) {
        VBox box = new VBox(6);
        box.getStyleClass().add("pane-padding");
        box.getChildren().add(heading("Modes"));
        for (AccessMode mode : AccessMode.values()) {
            box.getChildren().add(entry(mode.label(), mode.explanation()));
        }
        for (KernelModel.HelpSection section : kernel.help()) {
            box.getChildren().add(heading(section.heading()));
            for (Right right : section.rights()) {
                Label entry = entry(right.withAlias(), right.teaching());
                entry.setId("help-" + right.id());
                box.getChildren().add(entry);
            }
        }
        box.getChildren().add(heading("What Landlock cannot restrict"));
        box.getChildren().add(entry("limits", "UDP before " + kernel.udpNeeds() + " and other non-TCP, "
                + "non-UDP sockets, MPTCP, files opened before the sandbox started, and denying a path beneath an "
                + "allowed one."));
        return scroll(box);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-4");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label entry(String name, String text) {
        Label label = new Label(name + " — " + text);
        label.setWrapText(true);
        return label;
    }

    private static TextArea code(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("code");
        return area;
    }

    private static ScrollPane scroll(Node node) {
        ScrollPane scroll = new ScrollPane(node);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Tab tab(String title, String icon, Node content) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(Forms.icon(icon));
        tab.setId("tab-" + title.toLowerCase(Locale.ROOT));
        return tab;
    }
}
