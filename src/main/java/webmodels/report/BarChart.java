package webmodels.report;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Horizontal grouped bars: one group per model, one bar per series (keep-alive and
 * close-per-request, or the values of a swept parameter). Each bar carries its value, its error
 * whisker and, in a column of its own on the right, its failure count: a throughput is never
 * shown without it.
 */
final class BarChart {

    record Series(String name, String color) {
    }

    /** One bar; a NaN value draws "not run" instead of a bar. */
    record Bar(double value, double error, String failedLabel, boolean failed) {

        static Bar missing() {
            return new Bar(Double.NaN, Double.NaN, "", false);
        }

        boolean present() {
            return Double.isFinite(value);
        }
    }

    record Group(String name, List<Bar> bars) {
    }

    enum ScaleChoice { AUTO, LOG, LINEAR }

    /** Auto picks log when the largest bar is more than this many times the smallest. */
    static final double LOG_SPAN = 20;

    private static final double WIDTH = 960;
    private static final double MARGIN = 16;
    private static final double BAR = 15;
    private static final double BAR_GAP = 3;
    private static final double GROUP_PAD = 8;
    private static final double FONT = 13;
    private static final double SMALL = 12;

    private final String title;
    private final List<String> subtitle;
    private final String axisLabel;
    private final List<Series> series;
    private final List<Group> groups;
    private final ScaleChoice scaleChoice;
    private final DoubleFunction<String> format;

    BarChart(String title, List<String> subtitle, String axisLabel, List<Series> series, List<Group> groups,
             ScaleChoice scaleChoice, DoubleFunction<String> format) {
        this.title = title;
        this.subtitle = subtitle;
        this.axisLabel = axisLabel;
        this.series = series;
        this.groups = groups;
        this.scaleChoice = scaleChoice;
        this.format = format;
    }

    /** Whether the axis will be logarithmic, for the caption. */
    static boolean usesLog(List<Group> groups, ScaleChoice choice) {
        double span = span(groups);
        return switch (choice) {
            case LOG -> Double.isFinite(span);
            case LINEAR -> false;
            case AUTO -> span > LOG_SPAN;
        };
    }

    /** The largest positive bar divided by the smallest; NaN without positive bars. */
    static double span(List<Group> groups) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (Group group : groups) {
            for (Bar bar : group.bars()) {
                if (bar.present() && bar.value() > 0) {
                    smallest = Math.min(smallest, bar.value());
                    largest = Math.max(largest, bar.value());
                }
            }
        }
        return largest > 0 ? largest / smallest : Double.NaN;
    }

    /** "Log scale: ..." or "Linear scale.", for a chart's subtitle. */
    static String scaleNote(List<Group> groups, ScaleChoice choice) {
        return usesLog(groups, choice)
                ? "Log scale: the largest bar is " + Format.compact(span(groups)) + " times the smallest."
                : "Linear scale.";
    }

    String svg() {
        Svg svg = new Svg();
        double labelWidth = 0;
        for (Group group : groups) {
            labelWidth = Math.max(labelWidth, Svg.textWidth(group.name(), FONT));
        }
        double valueWidth = 0;
        double failedWidth = Svg.boldTextWidth("failed", SMALL);
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (Group group : groups) {
            for (Bar bar : group.bars()) {
                valueWidth = Math.max(valueWidth, Svg.textWidth(valueLabel(bar), SMALL));
                failedWidth = Math.max(failedWidth, Svg.boldTextWidth(bar.failedLabel(), SMALL));
                if (bar.present() && bar.value() > 0) {
                    smallest = Math.min(smallest, bar.value());
                    largest = Math.max(largest, bar.value() + (Double.isFinite(bar.error()) ? bar.error() : 0));
                }
            }
        }
        double plotLeft = MARGIN + labelWidth + 10;
        double failedX = WIDTH - MARGIN - failedWidth;
        double plotRight = failedX - 14 - valueWidth - 8;
        boolean log = usesLog(groups, scaleChoice);
        if (largest == 0) {
            largest = 1;
            smallest = 1;
        }
        Scale scale = log ? Scale.log(smallest, largest, plotLeft, plotRight, format)
                : Scale.linear(largest, plotLeft, plotRight, format);

        double y = Chrome.header(svg, title, subtitle, WIDTH, MARGIN);
        y = legend(svg, y, plotLeft);
        svg.text(failedX, y - 8, "failed", "font-size", SMALL, "font-weight", "bold");
        double plotTop = y;

        double groupHeight = series.size() * BAR + (series.size() - 1) * BAR_GAP + 2 * GROUP_PAD;
        double plotBottom = plotTop + groups.size() * groupHeight;
        for (int g = 0; g < groups.size(); g += 2) {
            svg.element("rect", "x", MARGIN, "y", plotTop + g * groupHeight, "width", WIDTH - 2 * MARGIN,
                    "height", groupHeight, "fill", "#f3f4f6");
        }
        Chrome.verticalGrid(svg, scale, plotTop, plotBottom);

        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            double groupTop = plotTop + g * groupHeight;
            svg.text(plotLeft - 10, groupTop + groupHeight / 2 + FONT * 0.35, group.name(),
                    "font-size", FONT, "text-anchor", "end");
            for (int s = 0; s < series.size(); s++) {
                Bar bar = s < group.bars().size() ? group.bars().get(s) : Bar.missing();
                drawBar(svg, scale, bar, series.get(s), groupTop + GROUP_PAD + s * (BAR + BAR_GAP), plotLeft, failedX);
            }
        }
        svg.element("line", "x1", plotLeft, "y1", plotTop, "x2", plotLeft, "y2", plotBottom,
                "stroke", "#555", "stroke-width", 1);
        double bottom = Chrome.horizontalAxis(svg, scale, plotLeft, plotRight, plotBottom,
                axisLabel + (log ? " (log scale)" : ""));
        return svg.document(WIDTH, bottom + MARGIN, title);
    }

    private void drawBar(Svg svg, Scale scale, Bar bar, Series series, double top, double plotLeft, double failedX) {
        double middle = top + BAR / 2;
        double textY = middle + SMALL * 0.35;
        if (!bar.present()) {
            svg.text(plotLeft + 6, textY, "not run", "font-size", SMALL, "fill", "#777", "font-style", "italic");
            return;
        }
        double end = scale.px(bar.value());
        svg.element("rect", "x", plotLeft, "y", top, "width", Math.max(end - plotLeft, 1), "height", BAR,
                "fill", series.color());
        double labelX = end;
        if (Double.isFinite(bar.error()) && bar.error() > 0) {
            double lo = scale.px(bar.value() - bar.error());
            double hi = scale.px(bar.value() + bar.error());
            svg.element("line", "x1", lo, "y1", middle, "x2", hi, "y2", middle, "stroke", "#222", "stroke-width", 1.2);
            svg.element("line", "x1", hi, "y1", middle - 4, "x2", hi, "y2", middle + 4, "stroke", "#222", "stroke-width", 1.2);
            if (lo > plotLeft + 1) {
                svg.element("line", "x1", lo, "y1", middle - 4, "x2", lo, "y2", middle + 4, "stroke", "#222",
                        "stroke-width", 1.2);
            }
            labelX = Math.max(end, hi);
        }
        svg.text(labelX + 5, textY, valueLabel(bar), "font-size", SMALL);
        if (bar.failed()) {
            svg.text(failedX, textY, bar.failedLabel(), "font-size", SMALL, "fill", "#c0171f", "font-weight", "bold");
        } else {
            svg.text(failedX, textY, bar.failedLabel(), "font-size", SMALL, "fill", "#555");
        }
    }

    private String valueLabel(Bar bar) {
        if (!bar.present()) {
            return "not run";
        }
        String value = format.apply(bar.value());
        return Double.isFinite(bar.error()) ? value + " ± " + format.apply(bar.error()) : value;
    }

    /** Swatches in rows from {@code x}, wrapping before the right margin; returns the y below them. */
    private double legend(Svg svg, double y, double x) {
        double cursor = x;
        for (Series s : series) {
            double itemWidth = 17 + Svg.textWidth(s.name(), FONT) + 22;
            if (cursor > x && cursor + itemWidth > WIDTH - MARGIN) {
                cursor = x;
                y += 20;
            }
            svg.element("rect", "x", cursor, "y", y - 11, "width", 12, "height", 12, "fill", s.color());
            svg.text(cursor + 17, y, s.name(), "font-size", FONT);
            cursor += itemWidth;
        }
        return y + 18;
    }
}
