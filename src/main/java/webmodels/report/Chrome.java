package webmodels.report;

import java.util.ArrayList;
import java.util.List;

/** What every chart shares: the title block and the axes. */
final class Chrome {

    private Chrome() {
    }

    /** Title and subtitle, wrapped to the width; returns the y where the chart's own content starts. */
    static double header(Svg svg, String title, List<String> subtitle, double width, double margin) {
        double y = margin + 18;
        svg.text(margin, y, title, "font-size", 18, "font-weight", "bold");
        y += 6;
        for (String paragraph : subtitle) {
            for (String line : wrap(paragraph, width - 2 * margin, 13)) {
                y += 18;
                svg.text(margin, y, line, "font-size", 13, "fill", "#555");
            }
        }
        return y + 30;
    }

    /** Greedy word wrap by estimated text width. */
    static List<String> wrap(String text, double maxWidth, double fontSize) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && Svg.textWidth(candidate, fontSize) > maxWidth) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    static void verticalGrid(Svg svg, Scale scale, double top, double bottom) {
        for (Scale.Tick tick : scale.ticks()) {
            double x = scale.px(tick.value());
            svg.element("line", "x1", x, "y1", top, "x2", x, "y2", bottom,
                    "stroke", tick.major() ? "#c8c8c8" : "#e6e6e6", "stroke-width", 1);
        }
    }

    /** Tick marks, tick labels and the axis title under the plot; returns the y of the last text. */
    static double horizontalAxis(Svg svg, Scale scale, double left, double right, double y, String label) {
        svg.element("line", "x1", left, "y1", y, "x2", right, "y2", y, "stroke", "#555", "stroke-width", 1);
        for (Scale.Tick tick : scale.ticks()) {
            double x = scale.px(tick.value());
            svg.element("line", "x1", x, "y1", y, "x2", x, "y2", y + (tick.major() ? 5 : 3), "stroke", "#555",
                    "stroke-width", 1);
            if (!tick.label().isEmpty()) {
                svg.text(x, y + 19, tick.label(), "font-size", 12, "text-anchor", "middle");
            }
        }
        svg.text((left + right) / 2, y + 42, label, "font-size", 13, "text-anchor", "middle");
        return y + 42;
    }
}
