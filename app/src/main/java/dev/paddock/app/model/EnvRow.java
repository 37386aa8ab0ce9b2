package dev.paddock.app.model;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One environment variable of the child: passed from Paddock's environment, or set to a value. */
public final class EnvRow {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final BooleanProperty pass = new SimpleBooleanProperty(this, "pass", true);
    private final StringProperty value = new SimpleStringProperty(this, "value", "");

    public EnvRow(String name, boolean pass, String value) {
        this.name.set(name);
        this.pass.set(pass);
        this.value.set(value == null ? "" : value);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public BooleanProperty passProperty() {
        return pass;
    }

    public StringProperty valueProperty() {
        return value;
    }

    Observable[] observables() {
        return new Observable[] {name, pass, value};
    }
}
