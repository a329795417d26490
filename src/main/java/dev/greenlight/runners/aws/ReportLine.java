package dev.greenlight.runners.aws;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Lambda {@code REPORT} log line:
 * {@code REPORT RequestId: … Duration: 12.3 ms Billed Duration: 13 ms Memory Size: 2048 MB
 * Max Memory Used: 180 MB Init Duration: 812.34 ms}. Only cold starts carry {@code Init Duration}.
 *
 * @param initDurationMs null when the invocation was warm
 */
public record ReportLine(String requestId, double durationMs, double billedDurationMs, Integer memorySizeMb,
                         Integer maxMemoryUsedMb, Double initDurationMs) {

    private static final Pattern REPORT = Pattern.compile("^\\s*REPORT\\s+RequestId:\\s*(\\S+)");
    private static final Pattern DURATION = Pattern.compile("(?<!Init |Billed |Restore )Duration:\\s*([0-9.]+)\\s*ms");
    private static final Pattern BILLED = Pattern.compile("Billed Duration:\\s*([0-9.]+)\\s*ms");
    private static final Pattern MEMORY = Pattern.compile("Memory Size:\\s*(\\d+)\\s*MB");
    private static final Pattern MAX_MEMORY = Pattern.compile("Max Memory Used:\\s*(\\d+)\\s*MB");
    private static final Pattern INIT = Pattern.compile("Init Duration:\\s*([0-9.]+)\\s*ms");

    /** The parsed line, or empty when it is not a REPORT line with a Duration. */
    public static Optional<ReportLine> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        Matcher r = REPORT.matcher(line);
        if (!r.find()) {
            return Optional.empty();
        }
        Double duration = number(DURATION, line);
        if (duration == null) {
            return Optional.empty();
        }
        Double billed = number(BILLED, line);
        Double memory = number(MEMORY, line);
        Double maxMemory = number(MAX_MEMORY, line);
        return Optional.of(new ReportLine(r.group(1), duration, billed == null ? duration : billed,
                memory == null ? null : memory.intValue(), maxMemory == null ? null : maxMemory.intValue(),
                number(INIT, line)));
    }

    public boolean coldStart() {
        return initDurationMs != null;
    }

    private static Double number(Pattern p, String line) {
        Matcher m = p.matcher(line);
        if (!m.find()) {
            return null;
        }
        try {
            return Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
