package dev.paddock.app.view;

import dev.paddock.app.model.EditorModel;
import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.Right;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Compatibility, missing paths, audit flags and notes. */
final class AdvancedSection extends VBox {

    AdvancedSection(EditorModel model, KernelModel support) {
        ToggleGroup compatibility = new ToggleGroup();
        RadioButton bestEffort = new RadioButton("Best effort");
        bestEffort.setToggleGroup(compatibility);
        Forms.tip(bestEffort, "Apply what this kernel supports, and report what it cannot restrict.");
        RadioButton strict = new RadioButton("Strict");
        strict.setId("strict");
        strict.setToggleGroup(compatibility);
        Forms.tip(strict, "Refuse to run unless every restriction Paddock knows is enforced here.");
        strict.selectedProperty().bindBidirectional(model.strictProperty());
        bestEffort.setSelected(!model.strictProperty().get());
        model.strictProperty().addListener((obs, old, now) -> bestEffort.setSelected(!now));

        CheckBox ignoreMissing = new CheckBox("Ignore missing paths");
        ignoreMissing.selectedProperty().bindBidirectional(model.ignoreMissingProperty());
        Forms.tip(ignoreMissing, "Skip rules whose path does not exist instead of refusing to run.");

        VBox audit = new VBox(8);
        for (Right flag : support.auditFlags()) {
            // the profile's name for the flag, as the help, the kernel panel and the file say; landrun's as an alias
            CheckBox box = new CheckBox(flag.id());
            box.setId("audit-" + flag.id());
            box.setMnemonicParsing(false);
            box.selectedProperty().bindBidirectional(model.auditFlagProperty(flag));
            Forms.tip(box, flag.explanation());
            Label help = Forms.help(flag.explanation() + " " + flag.alias() + "." + (flag.newerThanKernel()
                    ? " Needs " + flag.needs() + "." : ""));
            if (flag.newerThanKernel()) {
                box.getStyleClass().add("unsupported");
            }
            audit.getChildren().add(new VBox(2, box, help));
        }

        VBox seccomp = new VBox(8);
        for (EditorModel.HardeningChoice rule : model.hardeningChoices()) {
            CheckBox box = new CheckBox(rule.id());
            box.setId("harden-" + rule.id());
            box.setMnemonicParsing(false);
            box.selectedProperty().bindBidirectional(rule.on());
            Forms.tip(box, "--harden " + rule.id() + ": " + rule.help());
            seccomp.getChildren().add(new VBox(2, box, Forms.help(rule.help())));
        }

        TextArea notes = new TextArea();
        notes.setPrefRowCount(3);
        notes.setWrapText(true);
        notes.textProperty().bindBidirectional(model.notesProperty());

        var grid = Forms.grid();
        Forms.row(grid, "Compatibility", new HBox(16, bestEffort, strict));
        Forms.row(grid, "Paths", ignoreMissing);
        Forms.row(grid, "Audit log", audit);
        Forms.row(grid, "Hardening", seccomp);
        Forms.row(grid, "Notes", notes);
        getChildren().add(Forms.section("Advanced", "How strictly to apply the profile, and what the kernel's audit "
                + "log records of denials, and the opt-in seccomp rules for what Landlock cannot restrict.", grid));
    }
}
