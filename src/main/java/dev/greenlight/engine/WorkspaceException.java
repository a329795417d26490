package dev.greenlight.engine;

import dev.greenlight.yaml.Location;

/** A checkout file that cannot be used, and why. */
public final class WorkspaceException extends Exception {
    /** Why a file could not be used; runners decide which kinds are FAIL and which ERROR. */
    public enum Kind { NOT_FOUND, NOT_A_FILE, OUTSIDE_CHECKOUT, TOO_LARGE, BINARY, UNREADABLE, SYNTAX }

    private final Kind kind;
    private final String file;
    private final Location location;

    public WorkspaceException(Kind kind, String file, String message, Location location) {
        super(message);
        this.kind = kind;
        this.file = file;
        this.location = location;
    }

    public Kind kind() {
        return kind;
    }

    public String file() {
        return file;
    }

    /** Where in the file the problem is (syntax errors), or null. */
    public Location location() {
        return location;
    }

    /** A result for an item that could not read its file: missing files FAIL, the rest ERROR. */
    public Result toResult(String expected) {
        Status s = kind == Kind.NOT_FOUND || kind == Kind.NOT_A_FILE ? Status.FAIL : Status.ERROR;
        Integer line = location == null ? null : location.line();
        return Result.of(s, getMessage()).expected(expected)
                .actual(kind == Kind.NOT_FOUND ? "no such file" : kind.name().toLowerCase().replace('_', ' '))
                .evidence(Evidence.at(kind == Kind.SYNTAX ? "parse error" : "file", file, line, getMessage()))
                .build();
    }
}
