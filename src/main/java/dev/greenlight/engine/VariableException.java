package dev.greenlight.engine;

/**
 * A ${variable} that could not be resolved. {@link #status()} says what the item becomes:
 * ERROR for a broken source (git failed, AWS denied), SKIP when the source is simply not configured.
 */
public final class VariableException extends Exception {
    private final String variable;
    private final Status status;

    public VariableException(String variable, String message, Status status) {
        super(message);
        this.variable = variable;
        this.status = status;
    }

    public String variable() {
        return variable;
    }

    public Status status() {
        return status;
    }
}
