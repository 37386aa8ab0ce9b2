package dev.paddock.app.model;

import dev.paddock.core.policy.PathAccess;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable path rule: a path, what it grants, and whether its denials are kept out of the audit log. */
public final class PathRow {
    private final StringProperty path = new SimpleStringProperty(this, "path", "");
    private final ObjectProperty<PathAccess> access = new SimpleObjectProperty<>(this, "access");
    private final BooleanProperty quiet = new SimpleBooleanProperty(this, "quiet");

    public PathRow(String path, PathAccess access) {
        this.path.set(path);
        this.access.set(access);
    }

    public PathRow(String path, PathAccess access, boolean quiet) {
        this(path, access);
        this.quiet.set(quiet);
    }

    public StringProperty pathProperty() {
        return path;
    }

    public ObjectProperty<PathAccess> accessProperty() {
        return access;
    }

    public BooleanProperty quietProperty() {
        return quiet;
    }

    /** What a list of rows must watch to notice edits inside a row. */
    Observable[] observables() {
        return new Observable[] {path, access, quiet};
    }
}
