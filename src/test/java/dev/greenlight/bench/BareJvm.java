package dev.greenlight.bench;

/** The floor of every CLI measurement: a JVM that starts on the same class path and exits. */
public final class BareJvm {
    private BareJvm() {
    }

    public static void main(String[] args) {
        // nothing: the cost measured is the JVM's own start and exit
    }
}
