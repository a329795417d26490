package dev.greenlight.bench;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.PrintWriter;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs one benchmark class in whatever JVM starts this: {@code jlink/bench-in-image.sh} starts the
 * runtime image's own java with its class-data archive and options, so the benchmark measures the
 * app as shipped rather than the class directories surefire runs.
 */
public final class RunInImage {
    private RunInImage() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: RunInImage <benchmark class>, e.g. dev.greenlight.bench.FxStallBenchmark");
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[0])).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        PrintWriter out = new PrintWriter(System.out, true);
        summary.getSummary().printTo(out);
        summary.getSummary().printFailuresTo(out, 30);
        System.exit(summary.getSummary().getTestsFoundCount() > 0 && summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
    }
}
