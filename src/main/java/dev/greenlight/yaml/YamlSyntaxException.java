package dev.greenlight.yaml;

/** A YAML or JSON document that cannot be read, with where it broke. */
public final class YamlSyntaxException extends Exception {
    private final Location location;
    private final String problem;
    private final String detail;

    public YamlSyntaxException(String problem, Location location) {
        this(problem, location, null);
    }

    /** @param detail the parser's own words, shown second (null when the problem is already them) */
    public YamlSyntaxException(String problem, Location location, String detail) {
        super(location == null ? problem : location + ": " + problem);
        this.problem = problem;
        this.location = location;
        this.detail = detail;
    }

    /** The parser's own words behind {@link #problem()}, or null. */
    public String detail() {
        return detail;
    }

    public Location location() {
        return location;
    }

    public String problem() {
        return problem;
    }
}
