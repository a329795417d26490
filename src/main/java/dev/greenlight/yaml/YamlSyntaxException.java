package dev.greenlight.yaml;

/** A YAML or JSON document that cannot be read, with where it broke. */
public final class YamlSyntaxException extends Exception {
    private final Location location;
    private final String problem;

    public YamlSyntaxException(String problem, Location location) {
        super(location == null ? problem : location + ": " + problem);
        this.problem = problem;
        this.location = location;
    }

    public Location location() {
        return location;
    }

    public String problem() {
        return problem;
    }
}
