package dev.paddock.app.view;

import atlantafx.base.controls.Popover;
import atlantafx.base.theme.Styles;
import dev.paddock.app.model.AccessExplanation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * Explain: why an access got its verdict, beside its row: what the operation needs and where, the rules that cover
 * each place, every right involved with the ABI that introduced it (and whether this kernel has it), a link to the
 * help on rights, and Allow for a denial.
 */
final class ExplainPopover {
    private ExplainPopover() {
    }

    /** Shows the explanation by {@code anchor}; {@code allow} is null when there is nothing to allow. */
    static Popover show(Node anchor, AccessExplanation explanation, int kernelAbi, Runnable help, Runnable allow) {
        VBox box = new VBox(6);
        box.setId("explain-panel");
        box.getStyleClass().add("explain-panel");
        Label sentence = wrapped(explanation.sentence());
        sentence.getStyleClass().add(Styles.TEXT_BOLD);
        box.getChildren().add(sentence);
        section(box, "It needs", explanation.needs());
        section(box, "Rules that cover it", explanation.covering());
        box.getChildren().add(heading("The rights"));
        for (String right : explanation.describeRights(kernelAbi)) {
            Label line = wrapped(right);
            line.getStyleClass().add("text-muted");
            box.getChildren().add(line);
        }
        Popover popover = new Popover();
        Hyperlink more = new Hyperlink("Every right, mode and scope in Help");
        more.setId("explain-help");
        more.setOnAction(e -> {
            popover.hide();
            help.run();
        });
        HBox actions = new HBox(10, more);
        actions.setAlignment(Pos.CENTER_LEFT);
        if (allow != null && !explanation.fix().isEmpty()) {
            box.getChildren().add(wrapped(explanation.fix() + "."));
            Button allowButton = new Button("Allow", Forms.icon("fth-plus"));
            allowButton.setId("explain-allow");
            allowButton.getStyleClass().addAll(Styles.SUCCESS, Styles.SMALL);
            allowButton.setOnAction(e -> {
                popover.hide();
                allow.run();
            });
            actions.getChildren().add(0, allowButton);
        }
        box.getChildren().add(actions);
        // the content is short (a few needs, rules and rights), so the popover takes its height, no scroll bar
        box.setPrefWidth(520);
        box.setMaxWidth(520);
        popover.setContentNode(box);
        popover.setTitle("Why: " + explanation.what());
        popover.setHeaderAlwaysVisible(true);
        popover.setDetachable(false);
        popover.setArrowLocation(Popover.ArrowLocation.BOTTOM_RIGHT);
        popover.show(anchor);
        return popover;
    }

    private static void section(VBox box, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        box.getChildren().add(heading(title));
        lines.forEach(line -> box.getChildren().add(wrapped("• " + line)));
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-4");
        return label;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
