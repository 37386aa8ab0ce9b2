package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.LessonModel;
import dev.paddock.core.lesson.Criterion;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Lessons pane, in the Insight pane's place while it is shown: the list of lessons with their progress, or the
 * lesson open, with its text, task, hints one at a time, Check with each criterion marked, and the solution on
 * request. The learner edits the profile in the editor beside it. All logic is in {@link LessonModel}.
 */
final class LessonPane extends BorderPane {
    private final LessonModel model;
    private final ListView<LessonModel.Item> list = new ListView<>();
    private final VBox lesson = new VBox(10);
    private final VBox hints = new VBox(6);
    private final VBox results = new VBox(8);
    private Label verdict;
    /** The lesson's buttons, below its scrolling page. */
    private final FlowPane footer = new FlowPane(8, 6);

    /**
     * @param open opens a lesson picked in the list, asking about unsaved changes in the editor first
     */
    LessonPane(LessonModel model, Consumer<LessonModel.Item> open) {
        this.model = model;
        setId("lesson-pane");
        getStyleClass().add("lesson-pane");
        Label heading = new Label("Lessons");
        heading.getStyleClass().add(Styles.TITLE_4);
        Button close = new Button("", Forms.icon("fth-x"));
        close.setId("close-lessons");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        Forms.tip(close, "Back to Insight");
        close.setOnAction(e -> model.showingProperty().set(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // back to the list stays in the header, in sight however far the lesson is scrolled
        Button back = new Button("All lessons", Forms.icon("fth-arrow-left"));
        back.setId("lesson-back");
        back.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        back.setOnAction(e -> model.closeLesson());
        back.visibleProperty().bind(model.currentProperty().isNotNull());
        back.managedProperty().bind(back.visibleProperty());
        heading.visibleProperty().bind(back.visibleProperty().not());
        heading.managedProperty().bind(heading.visibleProperty());
        HBox top = new HBox(8, back, heading, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("lesson-header");
        setTop(top);

        list.setId("lesson-list");
        list.setItems(model.items());
        list.setCellFactory(view -> new ItemCell());
        list.setOnMouseClicked(e -> {
            if (list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
                if (model.currentProperty().get() == null) {
                    list.getSelectionModel().clearSelection(); // the user kept their unsaved edits
                }
            }
        });
        Label loadError = new Label();
        loadError.textProperty().bind(Bindings.createStringBinding(
                () -> Forms.sentence(model.loadErrorProperty().get()), model.loadErrorProperty()));
        loadError.setWrapText(true);
        loadError.getStyleClass().add(Styles.DANGER);
        loadError.managedProperty().bind(loadError.textProperty().isNotEmpty());
        Label intro = new Label("Each lesson loads a profile into the editor and states a task. Edit the profile, "
                + "then Check runs it in a real sandbox and judges it: it must work, and grant nothing more.");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        // the intro keeps its lines when a run pane below leaves the pane short: the list gives way and scrolls
        intro.setMinHeight(Region.USE_PREF_SIZE);
        VBox listPage = new VBox(8, intro, loadError, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        listPage.getStyleClass().add("lesson-page");

        ScrollPane lessonPage = new ScrollPane(lesson);
        lessonPage.setId("lesson-page");
        lessonPage.setFitToWidth(true);
        lesson.getStyleClass().add("lesson-page");
        // Check, the hints and the solution stay at the foot of the pane, in reach however far the lesson scrolls:
        // under a run pane they fell below the fold
        footer.getStyleClass().add("lesson-footer");
        footer.setAlignment(Pos.CENTER_LEFT);
        model.currentProperty().addListener((obs, old, now) -> {
            setCenter(now == null ? listPage : lessonPage);
            setBottom(now == null ? null : footer);
            if (now != null) {
                showLesson(now);
                lessonPage.setVvalue(0);
            } else {
                list.getSelectionModel().clearSelection();
            }
        });
        setCenter(model.currentProperty().get() == null ? listPage : lessonPage);
        setBottom(model.currentProperty().get() == null ? null : footer);
        model.hintsShownProperty().addListener((obs, old, now) -> showHints());
        // a finished check scrolls its verdict and criteria into view
        model.passedProperty().addListener((obs, old, now) -> {
            if (now != null) {
                Platform.runLater(() -> scrollToVerdict(lessonPage));
            }
        });
        model.passedProperty().addListener((obs, old, now) -> showVerdict(now));
        model.results().addListener((ListChangeListener<Criterion>) c -> showResults());
    }

    /** Colours the verdict: green when the check passed, red when it failed, plain before any. */
    private void showVerdict(Boolean passed) {
        if (verdict != null) {
            verdict.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            if (passed != null) {
                verdict.getStyleClass().add(passed ? Styles.SUCCESS : Styles.DANGER);
            }
        }
    }

    /** Scrolls the lesson so that the verdict is at the top, with as many criteria under it as fit. */
    private void scrollToVerdict(ScrollPane page) {
        page.applyCss();
        page.layout();
        double content = lesson.getHeight();
        double viewport = page.getViewportBounds().getHeight();
        if (verdict != null && content > viewport) {
            double top = verdict.getBoundsInParent().getMinY() - 8;
            page.setVvalue(Math.min(1, Math.max(0, top / (content - viewport))));
        }
    }

    private void showLesson(LessonModel.Item item) {
        Label title = wrapped(item.title(), Styles.TITLE_3);
        title.setId("lesson-title");
        VBox text = new VBox(8);
        for (String paragraph : item.lesson().text().split("\n\n")) {
            text.getChildren().add(wrapped(paragraph));
        }
        Label taskHeading = wrapped("Task", Styles.TEXT_BOLD);
        Label task = wrapped(item.lesson().task());
        task.setId("lesson-task");
        VBox taskBox = new VBox(4, taskHeading, task);
        taskBox.getStyleClass().add("lesson-task");
        Button hint = new Button();
        hint.setId("lesson-hint");
        hint.getStyleClass().add(Styles.SMALL);
        hint.textProperty().bind(Bindings.createStringBinding(() -> {
            int left = item.lesson().hints().size() - model.hintsShownProperty().get();
            return left == 0 ? "No more hints" : "Show a hint (" + left + " left)";
        }, model.hintsShownProperty()));
        hint.disableProperty().bind(model.hintsShownProperty().greaterThanOrEqualTo(item.lesson().hints().size()));
        hint.setOnAction(e -> model.nextHint());
        Button solution = new Button("Show solution…");
        solution.setId("lesson-solution");
        solution.getStyleClass().add(Styles.SMALL);
        solution.setOnAction(e -> {
            if (Dialogs.confirm(getScene().getWindow(), "Load the solution into the editor?",
                    "It replaces your profile in the editor. Try the hints first: the lesson sticks better when "
                            + "you find it yourself.")) {
                model.showSolution();
            }
        });
        Button check = new Button("Check", Forms.icon("fth-check-circle"));
        check.setId("lesson-check");
        check.getStyleClass().add(Styles.ACCENT);
        check.disableProperty().bind(model.checkingProperty());
        check.setOnAction(e -> model.check());
        // the buttons wrap in a narrow pane rather than cut their words
        footer.getChildren().setAll(check, hint, solution);
        for (Button button : new Button[] {check, hint, solution}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        verdict = new Label();
        verdict.setId("lesson-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(model.verdictProperty());
        lesson.getChildren().setAll(title, text, taskBox, hints, verdict, results);
        showHints();
        showResults();
    }

    private void showHints() {
        LessonModel.Item item = model.currentProperty().get();
        hints.getChildren().clear();
        if (item == null) {
            return;
        }
        for (int i = 0; i < model.hintsShownProperty().get(); i++) {
            Label hint = wrapped("Hint " + (i + 1) + ": " + item.lesson().hints().get(i));
            hint.getStyleClass().add("lesson-hint");
            hints.getChildren().add(hint);
        }
    }

    private void showResults() {
        results.getChildren().clear();
        for (Criterion criterion : model.results()) {
            results.getChildren().add(criterion(criterion));
        }
    }

    private static Node criterion(Criterion criterion) {
        String icon = switch (criterion.outcome()) {
            case PASSED -> "fth-check";
            case FAILED -> "fth-x";
            case NOT_APPLICABLE -> "fth-minus";
        };
        Node mark = Forms.icon(icon);
        mark.getStyleClass().add(switch (criterion.outcome()) {
            case PASSED -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            case NOT_APPLICABLE -> Styles.TEXT_MUTED;
        });
        Label says = wrapped(criterion.check().says(), Styles.TEXT_BOLD);
        Label why = wrapped(criterion.why(), Styles.TEXT_MUTED);
        VBox words = new VBox(2, says, why);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox row = new HBox(8, mark, words);
        row.getStyleClass().addAll("lesson-criterion", criterion.outcome().name().toLowerCase(Locale.ROOT));
        return row;
    }

    private static Label wrapped(String text, String... styles) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().addAll(styles);
        return label;
    }

    /** A lesson in the list: its number and title, and whether it was passed, which it follows while shown. */
    private static final class ItemCell extends ListCell<LessonModel.Item> {
        private static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
        private final Label title = new Label();
        private final Label state = new Label();
        private final HBox row;
        private final ChangeListener<Boolean> follow = (obs, old, now) -> show(now);
        private LessonModel.Item shown;

        ItemCell() {
            title.setWrapText(true);
            title.setMinWidth(0);
            HBox.setHgrow(title, Priority.ALWAYS);
            title.setMaxWidth(Double.MAX_VALUE);
            state.getStyleClass().addAll(Styles.SMALL, "lesson-state");
            state.setMinWidth(Region.USE_PREF_SIZE);
            row = new HBox(10, title, state);
            row.setAlignment(Pos.CENTER_LEFT);
            // as wide as the list, never wider: a long title wraps instead of scrolling the list sideways
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(LessonModel.Item item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) {
                shown.passed().removeListener(follow);
            }
            shown = empty ? null : item;
            setText(null);
            if (shown == null) {
                setGraphic(null);
                setId(null);
                return;
            }
            title.setText(item.title());
            item.passed().addListener(follow);
            show(item.passed().get());
            setGraphic(row);
            setId("lesson-item-" + item.number());
        }

        private void show(boolean passed) {
            state.setText(passed ? "passed" : "not started");
            state.pseudoClassStateChanged(PASSED, passed);
        }
    }
}
