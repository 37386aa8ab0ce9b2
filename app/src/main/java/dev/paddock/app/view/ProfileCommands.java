package dev.paddock.app.view;

import dev.paddock.app.model.LessonModel;
import dev.paddock.app.model.LibraryModel;
import dev.paddock.app.model.Workspace;
import dev.paddock.core.profile.ProfileException;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The commands on profile files that may need the user: new, open, save, save as, import, add to the menu, and the
 * library's open, duplicate, rename and delete; each asks about unsaved changes or reports a failure in a dialog.
 */
final class ProfileCommands implements LibraryPane.Actions {
    private final Workspace workspace;
    private final Supplier<Window> window;

    ProfileCommands(Workspace workspace, Supplier<Window> window) {
        this.workspace = workspace;
        this.window = window;
    }

    private Window window() {
        return window.get();
    }

    /** Asks about unsaved changes; returns false if the user cancels. */
    public boolean confirmDiscard() {
        if (!workspace.editor().dirtyProperty().get()) {
            return true;
        }
        Optional<Dialogs.Choice> choice = Dialogs.unsavedChanges(window(),
                workspace.editor().nameProperty().get());
        if (choice.isEmpty() || choice.get() == Dialogs.Choice.CANCEL) {
            return false;
        }
        return choice.get() == Dialogs.Choice.DISCARD || save();
    }

    void newProfile() {
        if (confirmDiscard()) {
            workspace.newProfile();
        }
    }

    @Override
    public void open(LibraryModel.Item item) {
        Path current = workspace.editor().fileProperty().get();
        if (item.file() != null && item.file().equals(current) && !item.template()) {
            return;
        }
        if (confirmDiscard()) {
            workspace.open(item);
        }
    }

    /**
     * Opens a lesson, whose starting profile replaces the editor's (and a file shown because it cannot be opened),
     * once unsaved changes are saved or discarded.
     */
    void openLesson(LessonModel.Item item) {
        if (confirmDiscard()) {
            workspace.lessons().open(item);
        }
    }

    void openFile() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = chooser("Open a profile");
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            workspace.open(file.toPath());
        }
    }

    boolean save() {
        if (!workspace.brokenFileProperty().get().isEmpty()) {
            return false; // Ctrl+S with a broken file shown: there is nothing to save, and the file stays as it is
        }
        try {
            workspace.save();
            return true;
        } catch (ProfileException e) {
            Dialogs.error(window(), "Cannot save", e.getMessage());
            return false;
        }
    }

    void saveAs() {
        if (!workspace.brokenFileProperty().get().isEmpty()) {
            return;
        }
        FileChooser chooser = chooser("Save the profile as");
        chooser.setInitialFileName(workspace.library().newFileFor(workspace.editor().nameProperty().get())
                .getFileName().toString());
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            try {
                workspace.saveAs(file.toPath());
            } catch (ProfileException e) {
                Dialogs.error(window(), "Cannot save", e.getMessage());
            }
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        File dir = workspace.library().library().directory().toFile();
        if (dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Paddock profiles", "*.json"));
        return chooser;
    }

    void importLandrun() {
        if (!confirmDiscard()) {
            return;
        }
        Dialogs.text(window(), "Import a landrun command line",
                "Paste a landrun command line. Nothing is run or expanded.").ifPresent(line -> {
                    try {
                        List<String> warnings = workspace.importLandrun(line);
                        if (!warnings.isEmpty()) {
                            Dialogs.info(window(), "Imported with notes", String.join("\n", warnings));
                        }
                    } catch (IllegalArgumentException e) {
                        Dialogs.error(window(), "Cannot import", e.getMessage());
                    }
                });
    }

    void addToMenu() {
        if (!workspace.brokenFileProperty().get().isEmpty()) {
            return;
        }
        try {
            workspace.addToMenu();
        } catch (ProfileException | IOException e) {
            Dialogs.error(window(), "Cannot add to the menu", e.getMessage());
        }
    }

    @Override
    public void duplicate(LibraryModel.Item item) {
        try {
            workspace.duplicate(item);
        } catch (ProfileException e) {
            Dialogs.error(window(), "Cannot duplicate", e.getMessage());
        }
    }

    @Override
    public void rename(LibraryModel.Item item) {
        Dialogs.line(window(), "Rename profile", "New name", item.title()).ifPresent(name -> {
            try {
                workspace.rename(item, name);
            } catch (ProfileException e) {
                Dialogs.error(window(), "Cannot rename", e.getMessage());
            }
        });
    }

    @Override
    public void delete(LibraryModel.Item item) {
        if (Dialogs.confirm(window(), "Delete \"" + item.title() + "\"?",
                "The file is moved to " + item.file().getFileName() + ".bak beside it, so it can still be "
                        + "recovered once.")) {
            try {
                workspace.library().delete(item);
                if (item.file().equals(workspace.editor().fileProperty().get())) {
                    workspace.newProfile();
                }
            } catch (IOException e) {
                Dialogs.error(window(), "Cannot delete", e.getMessage());
            }
        }
    }
}
