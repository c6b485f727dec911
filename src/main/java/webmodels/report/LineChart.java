package webmodels.report;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Lines of points on two axes, each a {@link Scale} (log or linear), with a legend: the open-loop
 * charts (latency against percentile, latency against rate, CPU against rate). A point can be
 * hollow, for a value that is only a lower bound or that the driver, not the server, set; the
 * subtitle says which.
 */
final class LineChart {

    record Point(double x, double y, boolean hollow) {
    }

    record Line(String name, String color, List<Point> points) {
    }

    /** How one axis is built from the plotted values' range and its pixel span. */
    interface Axis {
        Scale scale(double smallest, double largest, double pxStart, double pxEnd);
    }

    static final String[] COLORS = {"#2b7bba", "#e08214", "#2a9d4b", "#c0171f", "#7b3fa0", "#8c6d31", "#d45fa6",
            "#17a2b8", "#555555", "#a5cf4a", "#3b1c6e"};

    private static final double WIDTH = 960;
    private static final double PLOT_HEIGHT = 380;
    private static final double MARGIN = 16;
    private static final double FONT = 13;

    private final String title;
    private final List<String> subtitle;
    private final String xLabel;
    private final String yLabel;
    private final Axis xAxis;
    private final Axis yAxis;
    private final DoubleFunction<String> yLabels;
    private final List<Line> lines;

    LineChart(String title, List<String> subtitle, String xLabel, Axis xAxis, String yLabel, Axis yAxis,
              DoubleFunction<String> yLabels, List<Line> lines) {
        this.title = title;
        this.subtitle = subtitle;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.yLabels = yLabels;
        this.lines = lines;
    }

    String svg() {
        Svg svg = new Svg();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = 0;
        for (Line line : lines) {
            for (Point p : line.points()) {
                if (p.x() > 0 && p.y() > 0) {
                    xMin = Math.min(xMin, p.x());
                    xMax = Math.max(xMax, p.x());
                    yMin = Math.min(yMin, p.y());
                    yMax = Math.max(yMax, p.y());
                }
            }
        }
        if (xMax == 0) {
            xMin = yMin = 1;
            xMax = yMax = 10;
        }
        double y = Chrome.header(svg, title, subtitle, WIDTH, MARGIN);
        y = legend(svg, y);
        double yTickWidth = 0;
        Scale probe = yAxis.scale(yMin, yMax, 0, 1);
        for (Scale.Tick tick : probe.ticks()) {
            yTickWidth = Math.max(yTickWidth, Svg.textWidth(tick.label(), 12));
        }
        double plotLeft = MARGIN + 22 + yTickWidth + 8;
        double plotRight = WIDTH - MARGIN - 10;
        double plotTop = y;
        double plotBottom = y + PLOT_HEIGHT;
        Scale xs = xAxis.scale(xMin, xMax, plotLeft, plotRight);
        Scale ys = yAxis.scale(yMin, yMax, plotBottom, plotTop);
        Chrome.verticalGrid(svg, xs, plotTop, plotBottom);
        for (Scale.Tick tick : ys.ticks()) {
            double ty = ys.px(tick.value());
            svg.element("line", "x1", plotLeft, "y1", ty, "x2", plotRight, "y2", ty,
                    "stroke", tick.major() ? "#c8c8c8" : "#e6e6e6", "stroke-width", 1);
            if (!tick.label().isEmpty()) {
                svg.text(plotLeft - 6, ty + 4, tick.label(), "font-size", 12, "text-anchor", "end");
            }
        }
        svg.element("line", "x1", plotLeft, "y1", plotTop, "x2", plotLeft, "y2", plotBottom, "stroke", "#555",
                "stroke-width", 1);
        double middle = (plotTop + plotBottom) / 2;
        svg.text(MARGIN + 12, middle, yLabel, "font-size", FONT, "text-anchor", "middle",
                "transform", "rotate(-90 " + Svg.number(MARGIN + 12) + " " + Svg.number(middle) + ")");
        for (Line line : lines) {
            draw(svg, line, xs, ys);
        }
        double bottom = Chrome.horizontalAxis(svg, xs, plotLeft, plotRight, plotBottom, xLabel);
        return svg.document(WIDTH, bottom + MARGIN, title);
    }

    private static void draw(Svg svg, Line line, Scale xs, Scale ys) {
        StringBuilder path = new StringBuilder();
        for (Point p : line.points()) {
            if (p.x() > 0 && p.y() > 0) {
                path.append(path.isEmpty() ? "" : " ").append(Svg.number(xs.px(p.x()))).append(',')
                        .append(Svg.number(ys.px(p.y())));
            }
        }
        if (path.isEmpty()) {
            return;
        }
        svg.element("polyline", "points", path.toString(), "fill", "none", "stroke", line.color(), "stroke-width", 2);
        for (Point p : line.points()) {
            if (p.x() > 0 && p.y() > 0) {
                svg.element("circle", "cx", xs.px(p.x()), "cy", ys.px(p.y()), "r", 4,
                        "fill", p.hollow() ? "#ffffff" : line.color(), "stroke", line.color(), "stroke-width", 2);
            }
        }
    }

    private double legend(Svg svg, double y) {
        double x = MARGIN;
        for (Line line : lines) {
            double width = 26 + Svg.textWidth(line.name(), FONT) + 18;
            if (x + width > WIDTH - MARGIN) {
                x = MARGIN;
                y += 20;
            }
            svg.element("line", "x1", x, "y1", y - 5, "x2", x + 18, "y2", y - 5, "stroke", line.color(), "stroke-width", 2);
            svg.element("circle", "cx", x + 9, "cy", y - 5, "r", 4, "fill", line.color());
            svg.text(x + 24, y, line.name(), "font-size", FONT);
            x += width;
        }
        return y + 22;
    }
}
