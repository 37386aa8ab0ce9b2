package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.LibraryModel;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import javafx.geometry.Insets;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.util.Locale;

/** The profiles on the left: the user's library and the bundled templates, with search and a context menu. */
final class LibraryPane extends VBox {
    private final ListView<LibraryModel.Item> list;

    /** What the pane asks the window to do. */
    interface Actions {
        void open(LibraryModel.Item item);

        void duplicate(LibraryModel.Item item);

        void rename(LibraryModel.Item item);

        void delete(LibraryModel.Item item);
    }

    /**
     * @param shown the file the window shows (null for a new profile): the list highlights its entry, also when the
     *              list is read again and the entries move
     */
    LibraryPane(LibraryModel library, ObservableValue<Path> shown, Actions actions) {
        setId("library");
        getStyleClass().add("library");
        TextField search = new TextField();
        search.setId("library-search");
        search.setPromptText("Search profiles");
        FilteredList<LibraryModel.Item> filtered = new FilteredList<>(library.items());
        search.textProperty().addListener((obs, old, text) -> {
            String needle = text.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(item -> needle.isEmpty() || item.title().toLowerCase(Locale.ROOT).contains(needle)
                    || (item.profile() != null && item.profile().description().toLowerCase(Locale.ROOT)
                    .contains(needle)));
        });
        list = new ListView<>(filtered);
        list.setId("library-list");
        list.setCellFactory(view -> new ItemCell(actions));
        Runnable highlight = () -> highlight(shown.getValue());
        list.setOnMouseClicked(e -> {
            LibraryModel.Item item = list.getSelectionModel().getSelectedItem();
            if (item != null && e.getClickCount() >= 1) {
                actions.open(item);
                highlight.run(); // back to what is shown if the user kept the profile they had
            }
        });
        list.setOnKeyPressed(e -> {
            LibraryModel.Item item = list.getSelectionModel().getSelectedItem();
            if (item != null && e.getCode() == KeyCode.ENTER) {
                actions.open(item);
                highlight.run();
            }
        });
        library.items().addListener((ListChangeListener<LibraryModel.Item>) c -> highlight.run());
        shown.addListener((obs, old, now) -> highlight.run());
        VBox.setVgrow(list, Priority.ALWAYS);
        Label title = new Label("Profiles");
        title.getStyleClass().add("title-4");
        Label where = new Label(library.library().directory().toString());
        where.getStyleClass().addAll("text-muted", Styles.TEXT_SMALL);
        // one line: a narrow list broke the folder in the middle of a word; its end says most
        where.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        Forms.tip(where, "Your profiles are saved in " + library.library().directory());
        getChildren().addAll(title, search, list, where);
        setSpacing(8);
    }

    /**
     * Highlights the entry of the file shown; for a new profile, keeps the template it came from, if it is still
     * listed. (The list's selection is by position, so a list read again after a save highlighted whatever had moved
     * into the saved profile's old place.)
     */
    private void highlight(Path file) {
        var selection = list.getSelectionModel();
        if (file != null) {
            list.getItems().stream().filter(item -> file.equals(item.file())).findFirst()
                    .ifPresentOrElse(selection::select, selection::clearSelection);
        } else if (selection.getSelectedItem() != null && !selection.getSelectedItem().template()) {
            selection.clearSelection();
        }
    }

    /** A library entry: its nodes are made once per cell and refilled, as cells are reused while the list scrolls. */
    private static final class ItemCell extends ListCell<LibraryModel.Item> {
        private final Actions actions;
        private final FontIcon icon = Forms.icon("fth-file-text");
        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, name, detail);

        ItemCell(Actions actions) {
            this.actions = actions;
            // fit the list's width, so long descriptions end in an ellipsis instead of a scroll bar
            setPrefWidth(0);
            // a title is the one thing to find a profile by, so it wraps instead of being cut
            name.setWrapText(true);
            name.setMinHeight(Region.USE_PREF_SIZE);
            name.getStyleClass().add("item-title");
            name.setGraphic(icon);
            detail.getStyleClass().addAll("text-muted", Styles.TEXT_SMALL);
            setText(null);
            setOnContextMenuRequested(this::showMenu);
        }

        /**
         * The height for the list's width: a cell measures its graphic at any width, which would give a wrapped title
         * the height of one line.
         */
        @Override
        protected double computePrefHeight(double width) {
            if (getGraphic() == null || width <= 0) {
                return super.computePrefHeight(width);
            }
            Insets insets = getInsets();
            return insets.getTop() + box.prefHeight(width - insets.getLeft() - insets.getRight())
                    + insets.getBottom();
        }

        @Override
        protected void updateItem(LibraryModel.Item item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("broken", "template");
            if (empty || item == null) {
                setGraphic(null);
                Forms.tip(this, null);
                return;
            }
            name.setText(item.title());
            detail.setText(item.broken() ? "broken: " + item.error()
                    : item.template() ? "template · " + item.profile().description() : item.profile().description());
            icon.setIconLiteral(item.broken() ? "fth-alert-triangle"
                    : item.template() ? "fth-book-open" : "fth-file-text");
            setGraphic(box);
            Forms.tip(this, item.broken() ? item.error() : item.profile().description());
            if (item.broken()) {
                getStyleClass().add("broken");
            }
            if (item.template()) {
                getStyleClass().add("template");
            }
        }

        /** The menu for a profile of the user's (templates have none), made when asked for: it is a window. */
        private void showMenu(ContextMenuEvent request) {
            LibraryModel.Item item = getItem();
            if (isEmpty() || item == null || item.template()) {
                return;
            }
            MenuItem duplicate = new MenuItem("Duplicate");
            duplicate.setOnAction(e -> actions.duplicate(item));
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(e -> actions.rename(item));
            MenuItem delete = new MenuItem("Delete…");
            delete.setOnAction(e -> actions.delete(item));
            duplicate.setDisable(item.broken());
            rename.setDisable(item.broken());
            new ContextMenu(duplicate, rename, delete).show(this, request.getScreenX(), request.getScreenY());
            request.consume();
        }
    }
}
