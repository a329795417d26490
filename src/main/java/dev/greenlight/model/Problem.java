package dev.greenlight.model;

import dev.greenlight.yaml.Location;

/**
 * Something wrong in a checklist file, said the way a compiler says it:
 * {@code checklist.yaml:12:7: unknown runner type 'cfn-propery' (did you mean 'cfn-property'?)}.
 */
public record Problem(String file, Location location, String message, String suggestion) {

    public String format() {
        StringBuilder sb = new StringBuilder(file == null ? "<checklist>" : file);
        if (location != null) {
            sb.append(':').append(location.line()).append(':').append(location.column());
        }
        sb.append(": ").append(message);
        if (suggestion != null && !suggestion.isBlank()) {
            sb.append(" (").append(suggestion).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
