package dev.greenlight.ui.charts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.logs.LogTail;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.model.Item;
import dev.greenlight.model.LogSource;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.detail.DetailContext;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cold-start chart in the detail pane of a {@code logs-cold-start} item. Its data come from
 * CloudWatch Logs through the log-tail factory the app already keeps for tails (the same AWS
 * session): a follow of the item's log group filtered to REPORT lines with an Init Duration,
 * from the item's {@code since} (the deploy, or a duration) onwards, so the chart grows while
 * the function cold-starts. When no log access is available, it shows what the check's evidence
 * holds (the slowest few cold starts) and says so. Closing the pane stops the follow.
 */
public final class ColdStartPane extends VBox implements AutoCloseable {
    /** The logs-cold-start check's filter: a cold-start phrase of the text or the JSON log format. */
    public static final String FILTER = "?\"Init Duration\" ?\"Restore Duration\" ?initDurationMs ?restoreDurationMs";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");

    private final ColdStartSeries series;
    private final ColdStartChart chart = new ColdStartChart();
    private final Label summary = new Label();
    private final Label source = new Label();
    private volatile LogTail tail;
    private volatile boolean closed;
    private AnimationTimer pump;

    /** The pane for a logs-cold-start item, or null for any other item. */
    public static ColdStartPane forItem(ItemState s, DetailContext ctx) {
        Item item = s.item();
        if (item.check() == null || !"logs-cold-start".equals(item.check().type())) {
            return null;
        }
        return new ColdStartPane(s, ctx);
    }

    private ColdStartPane(ItemState s, DetailContext ctx) {
        super(6);
        setId("cold-start-pane");
        getStylesheets().add(ColdStartPane.class.getResource("/dev/greenlight/ui/modes.css").toExternalForm());
        JsonNode p = s.item().check().params();
        series = new ColdStartSeries(number(p, "max-ms"), number(p, "p95-ms"));
        Label heading = new Label("Cold starts");
        heading.getStyleClass().add("section-heading");
        summary.setId("cold-start-summary");
        summary.setWrapText(true);
        source.setId("cold-start-source");
        source.getStyleClass().add("muted");
        source.setWrapText(true);
        source.setText("Looking for the log group…");
        getChildren().addAll(heading, summary, chart, source);
        refresh();
        ctx.background().execute(() -> connect(s, ctx));
    }

    /** Blocking: names the group (may ask CloudFormation), opens the follow. */
    private void connect(ItemState s, DetailContext ctx) {
        JsonNode p = s.item().check().params();
        String group;
        try {
            group = group(p, ctx);
        } catch (Exception e) {
            ctx.fx().execute(() -> fallback(s, "Greenlight could not name this item's log group. Check the AWS profile"
                    + " and region in the context bar, then open the item again.", dev.greenlight.ui.Folded.detailOf(e)));
            return;
        }
        LogTailFactory factory;
        String why;
        String details = null;
        try {
            factory = ctx.logTails();
            // the app's own sentence on why there are no tails (no AWS settings), not an SDK message
            why = factory == null ? "No CloudWatch Logs access here (" + ctx.logTailsUnavailable() + ")." : null;
        } catch (RuntimeException e) {
            factory = null;
            why = "No CloudWatch Logs access here. Check the AWS profile and region in the context bar.";
            details = dev.greenlight.ui.Folded.detailOf(e);
        }
        if (factory == null) {
            String w = why;
            String d = details;
            ctx.fx().execute(() -> fallback(s, w, d));
            return;
        }
        Instant since = since(p.path("since").asText("1d"), ctx);
        LogTail t;
        try {
            t = factory.follow(List.of(group), since, FILTER);
        } catch (RuntimeException e) {
            ctx.fx().execute(() -> fallback(s, "Greenlight could not read " + group + ". Check that the AWS profile in the"
                    + " context bar may read it (logs:FilterLogEvents), then open the item again.", dev.greenlight.ui.Folded.detailOf(e)));
            return;
        }
        if (closed) {
            t.close();
            return;
        }
        tail = t;
        ctx.fx().execute(() -> {
            source.setText("REPORT lines of " + group + " since " + since + ", from CloudWatch Logs; new cold starts appear as they happen.");
            pump = new AnimationTimer() {
                private long last;

                @Override
                public void handle(long now) {
                    // twice a second is plenty for a chart; a frame's budget stays with the rest of the UI
                    if (now - last < 500_000_000L) {
                        return;
                    }
                    last = now;
                    LogTail lt = tail;
                    if (lt != null && series.addEvents(lt.drain(2_000))) {
                        refresh();
                    }
                }
            };
            pump.start();
        });
    }

    private void fallback(ItemState s, String why, String details) {
        if (closed) {
            return;
        }
        if (details != null && !details.isBlank()) {
            javafx.scene.control.TitledPane more = dev.greenlight.ui.Folded.details(details);
            more.setId("cold-start-details");
            getChildren().add(more);
        }
        List<String> lines = s.result() == null ? List.of()
                : s.result().result().evidence().stream().map(Evidence::text).filter(t -> t != null).toList();
        series.addLines(lines);
        refresh();
        source.setText(why + " Shown: the cold starts in the check's evidence"
                + (lines.isEmpty() ? " (none yet: run the item)." : " (the slowest few of the last run)."));
    }

    private void refresh() {
        chart.show(series);
        summary.setText(series.summary());
        summary.getStyleClass().removeAll("status-fail", "status-pass");
        if (!series.points().isEmpty()) {
            summary.getStyleClass().add(series.overLimit() ? "status-fail" : "status-pass");
        }
    }

    public ColdStartChart chart() {
        return chart;
    }

    public ColdStartSeries series() {
        return series;
    }

    @Override
    public void close() {
        closed = true;
        if (pump != null) {
            pump.stop();
        }
        LogTail t = tail;
        tail = null;
        if (t != null) {
            t.close();
        }
    }

    private static String group(JsonNode p, DetailContext ctx) throws Exception {
        if (p.hasNonNull("group")) {
            return ctx.logGroup(new LogSource(p.get("group").asText(), null, null));
        }
        if (p.hasNonNull("logical-id")) {
            return ctx.logGroup(new LogSource(null, p.get("logical-id").asText(), null));
        }
        if (p.hasNonNull("function")) {
            Variables v = ctx.variables();
            String f = v == null ? p.get("function").asText() : v.interpolate(p.get("function").asText());
            int i = f.indexOf(":function:");
            if (i >= 0) {
                String rest = f.substring(i + ":function:".length());
                f = rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
            }
            return "/aws/lambda/" + f;
        }
        throw new IllegalStateException("the check names no group, function or logical-id");
    }

    /** The check's {@code since}: "deploy" (the stack's last update), or 30m, 2h, 1d, 1w. */
    static Instant since(String text, DetailContext ctx) {
        if ("deploy".equalsIgnoreCase(text.strip())) {
            Instant d = ctx.deployTime();
            return d != null ? d : Instant.now().minus(Duration.ofDays(1));
        }
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return Instant.now().minus(Duration.ofDays(1));
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(n);
        };
        return Instant.now().minus(d);
    }

    private static Double number(JsonNode p, String key) {
        JsonNode n = p.get(key);
        if (n != null && n.isNumber()) {
            return n.asDouble();
        }
        if (n != null && n.isTextual() && n.asText().matches("\\d+(\\.\\d+)?")) {
            return Double.valueOf(n.asText());
        }
        return null;
    }
}
