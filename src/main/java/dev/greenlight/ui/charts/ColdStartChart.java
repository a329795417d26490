package dev.greenlight.ui.charts;

import dev.greenlight.oncall.ColdStarts;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Init Duration of each cold start over time (series 0, a point per cold start) and the item's
 * limit as a dashed line (series 1). Times are local; the x axis is milliseconds since the epoch.
 */
public final class ColdStartChart extends LineChart<Number, Number> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final XYChart.Series<Number, Number> points = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> limit = new XYChart.Series<>();

    public ColdStartChart() {
        super(new NumberAxis(), new NumberAxis());
        setId("cold-start-chart");
        getStyleClass().add("cold-start-chart");
        NumberAxis x = (NumberAxis) getXAxis();
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return TIME.format(Instant.ofEpochMilli(n.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        getYAxis().setLabel("Init Duration (ms)");
        points.setName("cold start");
        limit.setName("limit");
        setAnimated(false);
        setCreateSymbols(true);
        setLegendVisible(true);
        setPrefHeight(220);
        setMinHeight(180);
        getData().add(points);
        getData().add(limit);
    }

    public void show(ColdStartSeries series) {
        List<ColdStarts.Point> ps = series.points();
        points.getData().clear();
        for (ColdStarts.Point p : ps) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(p.timestamp().toEpochMilli(), p.initMs());
            points.getData().add(d);
            String tip = TIME.format(p.timestamp()) + " · " + ColdStartSeries.ms(p.initMs()) + " · " + p.requestId();
            d.nodeProperty().addListener((o, a, node) -> {
                if (node != null) {
                    Tooltip.install(node, new Tooltip(tip));
                }
            });
        }
        limit.getData().clear();
        Double lim = series.limitMs() != null ? series.limitMs() : series.p95LimitMs();
        if (lim != null && !ps.isEmpty()) {
            long from = ps.get(0).timestamp().toEpochMilli();
            long to = ps.get(ps.size() - 1).timestamp().toEpochMilli();
            if (to == from) {
                from -= 60_000;
                to += 60_000;
            }
            limit.getData().add(new XYChart.Data<>(from, lim));
            limit.getData().add(new XYChart.Data<>(to, lim));
        }
        ((NumberAxis) getYAxis()).setForceZeroInRange(true);
    }

    /** For tests: the Init Durations shown, oldest first. */
    public List<Double> shownInitMs() {
        return points.getData().stream().map(d -> d.getYValue().doubleValue()).toList();
    }

    public Double shownLimit() {
        return limit.getData().isEmpty() ? null : limit.getData().get(0).getYValue().doubleValue();
    }
}
