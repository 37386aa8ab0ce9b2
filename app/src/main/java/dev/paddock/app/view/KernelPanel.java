package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.KernelModel;
import dev.paddock.app.model.Right;
import dev.paddock.app.model.LessonModel;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;
import javafx.stage.Screen;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The full feature matrix: each right, the ABI and Linux release that brought it, and whether it is enforced here. */
final class KernelPanel extends Stage {

    /**
     * @param openLesson opens the lesson a right's link names, asking about unsaved changes in the editor first
     */
    KernelPanel(KernelModel support, LessonModel lessons, Consumer<LessonModel.Item> openLesson,
            Consumer<String> help) {
        setTitle("Landlock on this kernel");
        initModality(Modality.NONE);
        List<Right> rights = support.matrix();
        TableView<Right> table = new TableView<>(FXCollections.observableArrayList(rights));
        table.setId("feature-matrix");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Feature", 170, Right::id));
        table.getColumns().add(column("Kind", 90, Right::kind));
        table.getColumns().add(column("ABI", 50, r -> Integer.toString(r.abi())));
        table.getColumns().add(column("Linux", 60, Right::kernel));
        TableColumn<Right, String> here = column("Here", 150, Right::here);
        here.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll(Styles.SUCCESS, Styles.TEXT_MUTED);
                if (!empty) {
                    getStyleClass().add(item.equals("enforced") ? Styles.SUCCESS : Styles.TEXT_MUTED);
                }
            }
        });
        table.getColumns().add(here);
        // the short columns keep their widths: all the width there is to spare goes to the explanations
        table.getColumns().forEach(fixed -> {
            fixed.setMaxWidth(fixed.getPrefWidth());
            fixed.setMinWidth(fixed.getPrefWidth());
        });
        table.getColumns().add(learnColumn(lessons, openLesson, help));
        TableColumn<Right, String> controls = column("What it controls", 420, Right::controls);
        controls.setId("kernel-controls");
        // an explanation wraps in its row rather than end in "…" where the window is narrow
        controls.setCellFactory(col -> new TableCell<>() {
            private final Text text = new Text();

            {
                getStyleClass().add("wrapped-cell");
                text.getStyleClass().add("wrapped-cell-text");
                text.setBoundsType(TextBoundsType.LOGICAL_VERTICAL_CENTER); // in line with the row's labels
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(16));
                setPrefHeight(Region.USE_COMPUTED_SIZE);
                setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty ? null : item);
                setGraphic(empty ? null : text);
            }
        });
        table.getColumns().add(controls);
        // a row keeps the height it was laid out with: when the column narrows or widens (the window is resized),
        // the rows are made again for their explanations' new number of lines
        controls.widthProperty().addListener((obs, old, now) -> table.refresh());

        Label summary = new Label(support.summary());
        summary.getStyleClass().add("title-4");
        Label banner = new Label(support.available() ? "" : support.unavailableReason());
        banner.setWrapText(true);
        banner.getStyleClass().addAll("banner", Styles.DANGER);
        banner.setVisible(!support.available());
        banner.setManaged(!support.available());
        Button close = new Button("Close");
        close.setId("close-kernel-panel");
        close.setCancelButton(true); // Escape
        close.setDefaultButton(true);
        close.setOnAction(e -> hide());
        HBox buttons = new HBox(close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        Label errata = new Label(support.errata());
        errata.setId("kernel-errata");
        errata.setWrapText(true);
        errata.getStyleClass().add("text-muted");
        VBox root = new VBox(10, summary, banner, errata, table, buttons);
        root.getStyleClass().addAll("pane-padding", "kernel-panel");
        // the table takes the window's height, and the window is as tall as every row or the screen allows: a
        // fixed 980x640 left an empty half under the table
        VBox.setVgrow(table, Priority.ALWAYS);
        // rows are as tall as their wrapped explanations; the window starts tall enough for about a line each
        double rowsHeight = rights.size() * 30 + 36;
        double screen = Screen.getPrimary().getVisualBounds().getHeight() * 0.85;
        table.setPrefHeight(Math.min(rowsHeight, Math.max(240, screen - 140)));
        // wide enough for the longest explanation where the screen allows it
        root.setPrefWidth(Math.min(1240, Screen.getPrimary().getVisualBounds().getWidth() * 0.92));
        Scene scene = new Scene(root);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.ESCAPE) {
                hide();
            }
        });
        setScene(scene);
    }

    /**
     * Per row, a link to the right's entry in Help and, when a lesson shows the right (the model knows which), a link
     * that opens the lesson in the main window.
     */
    private TableColumn<Right, Right> learnColumn(LessonModel lessons, Consumer<LessonModel.Item> openLesson,
            Consumer<String> help) {
        TableColumn<Right, Right> learn = new TableColumn<>("Learn more");
        learn.setPrefWidth(130);
        learn.setMinWidth(130);
        learn.setMaxWidth(130);
        learn.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        learn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Right right, boolean empty) {
                super.updateItem(right, empty);
                if (empty || right == null) {
                    setGraphic(null);
                    return;
                }
                Hyperlink helpLink = new Hyperlink("Help");
                helpLink.setId("kernel-help-" + right.id());
                Forms.tip(helpLink, "What " + right.id() + " controls, in the Help tab");
                helpLink.setOnAction(e -> {
                    help.accept(right.id());
                    hide();
                });
                HBox links = new HBox(6, helpLink);
                links.setAlignment(Pos.CENTER_LEFT);
                lessons.lessonFor(right.id()).ifPresent(item -> {
                    Hyperlink lessonLink = new Hyperlink("Lesson " + item.number());
                    lessonLink.setId("kernel-lesson-" + right.id());
                    Forms.tip(lessonLink, "Open lesson " + item.title());
                    lessonLink.setOnAction(e -> {
                        openLesson.accept(item);
                        hide();
                    });
                    links.getChildren().add(lessonLink);
                });
                setGraphic(links);
            }
        });
        return learn;
    }

    private static TableColumn<Right, String> column(String title, double width,
                                                     Function<Right, String> value) {
        TableColumn<Right, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    void show(Window owner) {
        initOwner(owner);
        getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        show();
    }
}
