package dev.paddock.app.model;

import dev.paddock.core.policy.PathAccess;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable path rule: a path, what it grants, whether its denials are kept out of the audit log, and whether it
 * is skipped when the path is missing.
 */
public final class PathRow {
    private final StringProperty path = new SimpleStringProperty(this, "path", "");
    private final ObjectProperty<PathAccess> access = new SimpleObjectProperty<>(this, "access");
    private final BooleanProperty quiet = new SimpleBooleanProperty(this, "quiet");
    private final BooleanProperty optional = new SimpleBooleanProperty(this, "optional");

    public PathRow(String path, PathAccess access) {
        this.path.set(path);
        this.access.set(access);
    }

    public PathRow(String path, PathAccess access, boolean quiet, boolean optional) {
        this(path, access);
        this.quiet.set(quiet);
        this.optional.set(optional);
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

    /** Whether the rule is skipped when its path does not exist. */
    public BooleanProperty optionalProperty() {
        return optional;
    }

    /** What a list of rows must watch to notice edits inside a row. */
    Observable[] observables() {
        return new Observable[] {path, access, quiet, optional};
    }
}
