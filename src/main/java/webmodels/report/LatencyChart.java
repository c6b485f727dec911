package webmodels.report;

import java.util.List;

/**
 * Latency percentiles per model on a log time axis: one row per model, a marker per percentile
 * (distinct shape and colour), a line from p50 to p99.9 showing the spread of the tail, the
 * p99.9 value written at the end, and the failure count in a column on the right.
 */
final class LatencyChart {

    static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};
    private static final String[] NAMES = {"p50", "p90", "p99", "p99.9"};
    private static final String[] COLORS = {"#2b7bba", "#2a9d4b", "#e08214", "#c0171f"};

    /** Latencies in seconds, one per {@link #PERCENTILES} entry, NaN where JMH wrote none. */
    record Row(String name, double[] seconds, String failedLabel, boolean failed) {
    }

    private static final double WIDTH = 960;
    private static final double MARGIN = 16;
    private static final double ROW = 26;
    private static final double FONT = 13;
    private static final double SMALL = 12;

    private final String title;
    private final List<String> subtitle;
    private final List<Row> rows;

    LatencyChart(String title, List<String> subtitle, List<Row> rows) {
        this.title = title;
        this.subtitle = subtitle;
        this.rows = rows;
    }

    String svg() {
        Svg svg = new Svg();
        double labelWidth = 0;
        double failedWidth = Svg.boldTextWidth("failed", SMALL);
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (Row row : rows) {
            labelWidth = Math.max(labelWidth, Svg.textWidth(row.name(), FONT));
            failedWidth = Math.max(failedWidth, Svg.boldTextWidth(row.failedLabel(), SMALL));
            for (double s : row.seconds()) {
                if (s > 0) {
                    smallest = Math.min(smallest, s);
                    largest = Math.max(largest, s);
                }
            }
        }
        if (largest == 0) {
            smallest = 1e-3;
            largest = 1e-3;
        }
        double plotLeft = MARGIN + labelWidth + 10;
        double failedX = WIDTH - MARGIN - failedWidth;
        double plotRight = failedX - 14 - Svg.textWidth("p99.9 888 ms", SMALL);
        Scale scale = Scale.logTight(smallest, largest, plotLeft + 8, plotRight, Format::timeWithUnit);

        double y = Chrome.header(svg, title, subtitle, WIDTH, MARGIN);
        y = legend(svg, y, plotLeft);
        svg.text(failedX, y - 8, "failed", "font-size", SMALL, "font-weight", "bold");
        double plotTop = y;
        double plotBottom = plotTop + rows.size() * ROW;
        for (int r = 0; r < rows.size(); r += 2) {
            svg.element("rect", "x", MARGIN, "y", plotTop + r * ROW, "width", WIDTH - 2 * MARGIN, "height", ROW,
                    "fill", "#f3f4f6");
        }
        Chrome.verticalGrid(svg, scale, plotTop, plotBottom);
        for (int r = 0; r < rows.size(); r++) {
            drawRow(svg, scale, rows.get(r), plotTop + r * ROW + ROW / 2, plotLeft, failedX);
        }
        svg.element("line", "x1", plotLeft, "y1", plotTop, "x2", plotLeft, "y2", plotBottom,
                "stroke", "#555", "stroke-width", 1);
        double bottom = Chrome.horizontalAxis(svg, scale, plotLeft, plotRight, plotBottom,
                "latency per request (log scale)");
        return svg.document(WIDTH, bottom + MARGIN, title);
    }

    private void drawRow(Svg svg, Scale scale, Row row, double middle, double plotLeft, double failedX) {
        double textY = middle + SMALL * 0.35;
        svg.text(plotLeft - 10, middle + FONT * 0.35, row.name(), "font-size", FONT, "text-anchor", "end");
        if (row.failed()) {
            svg.text(failedX, textY, row.failedLabel(), "font-size", SMALL, "fill", "#c0171f", "font-weight", "bold");
        } else {
            svg.text(failedX, textY, row.failedLabel(), "font-size", SMALL, "fill", "#555");
        }
        double first = Double.NaN;
        double last = Double.NaN;
        int lastIndex = -1;
        for (int p = 0; p < PERCENTILES.length; p++) {
            if (row.seconds()[p] > 0) {
                double x = scale.px(row.seconds()[p]);
                first = Double.isNaN(first) ? x : first;
                last = x;
                lastIndex = p;
            }
        }
        if (lastIndex < 0) {
            svg.text(plotLeft + 8, textY, "not run", "font-size", SMALL, "fill", "#777", "font-style", "italic");
            return;
        }
        svg.element("line", "x1", first, "y1", middle, "x2", last, "y2", middle, "stroke", "#888", "stroke-width", 2);
        // the tail first and the median last and smallest: equal percentiles still show both shapes
        for (int p = PERCENTILES.length - 1; p >= 0; p--) {
            if (row.seconds()[p] > 0) {
                marker(svg, p, scale.px(row.seconds()[p]), middle);
            }
        }
        svg.text(last + 10, textY, NAMES[lastIndex] + " " + Format.timeWithUnit(row.seconds()[lastIndex]),
                "font-size", SMALL);
    }

    private static void marker(Svg svg, int percentile, double x, double y) {
        String color = COLORS[percentile];
        switch (percentile) {
            case 0 -> svg.element("circle", "cx", x, "cy", y, "r", 4.5, "fill", color, "stroke", "#fff", "stroke-width", 1);
            case 1 -> svg.element("rect", "x", x - 5.5, "y", y - 5.5, "width", 11, "height", 11, "fill", color,
                    "stroke", "#fff", "stroke-width", 1);
            case 2 -> svg.element("polygon", "points", points(x, y - 6.5, x + 6, y + 5, x - 6, y + 5), "fill", color,
                    "stroke", "#fff", "stroke-width", 1);
            default -> svg.element("polygon", "points", points(x, y - 6.5, x + 6.5, y, x, y + 6.5, x - 6.5, y),
                    "fill", color, "stroke", "#fff", "stroke-width", 1);
        }
    }

    private static String points(double... xy) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            sb.append(i == 0 ? "" : " ").append(Svg.number(xy[i])).append(',').append(Svg.number(xy[i + 1]));
        }
        return sb.toString();
    }

    private double legend(Svg svg, double y, double x) {
        double cursor = x;
        for (int p = 0; p < PERCENTILES.length; p++) {
            marker(svg, p, cursor + 6, y - 5);
            svg.text(cursor + 17, y, NAMES[p], "font-size", FONT);
            cursor += 17 + Svg.textWidth(NAMES[p], FONT) + 22;
        }
        return y + 18;
    }
}
