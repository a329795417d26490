package dev.greenlight.ui.context;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One variable in the editor: its name, the checklist's default, and the person's override. */
public final class VariableRow {
    private final String name;
    private final String defaultValue;
    private final StringProperty value;

    public VariableRow(String name, String defaultValue, String value) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.value = new SimpleStringProperty(this, "value", value == null ? defaultValue : value);
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public String value() {
        return value.get();
    }

    public boolean overridden() {
        return value.get() != null && !value.get().equals(defaultValue);
    }
}
