package webmodels.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A chart axis: values to pixels, and the ticks to draw. Logarithmic axes span whole decades
 * (bars start at the decade below the smallest value); linear ones start at zero and end on a
 * round number.
 */
final class Scale {

    record Tick(double value, String label, boolean major) {
    }

    private final boolean log;
    private final double min;
    private final double max;
    private final double pxStart;
    private final double pxEnd;
    private final DoubleFunction<String> labels;

    private Scale(boolean log, double min, double max, double pxStart, double pxEnd, DoubleFunction<String> labels) {
        this.log = log;
        this.min = min;
        this.max = max;
        this.pxStart = pxStart;
        this.pxEnd = pxEnd;
        this.labels = labels;
    }

    /** A log axis over whole decades covering the positive values. */
    static Scale log(double smallest, double largest, double pxStart, double pxEnd, DoubleFunction<String> labels) {
        double lo = Math.pow(10, Math.floor(Math.log10(smallest)));
        double hi = Math.pow(10, Math.ceil(Math.log10(largest)));
        if (hi <= lo) {
            hi = lo * 10;
        }
        return new Scale(true, lo, hi, pxStart, pxEnd, labels);
    }

    /**
     * A log axis from a 1-2-5 step below the smallest value to one above the largest: tighter than
     * whole decades, for markers that need no bar base.
     */
    static Scale logTight(double smallest, double largest, double pxStart, double pxEnd, DoubleFunction<String> labels) {
        double lo = Math.pow(10, Math.floor(Math.log10(smallest)));
        for (double m : new double[]{5, 2}) {
            if (lo * m <= smallest) {
                lo *= m;
                break;
            }
        }
        double hi = Math.pow(10, Math.ceil(Math.log10(largest)));
        for (double m : new double[]{0.2, 0.5}) {
            if (hi * m >= largest) {
                hi *= m;
                break;
            }
        }
        if (hi <= lo) {
            hi = lo * 10;
        }
        return new Scale(true, lo, hi, pxStart, pxEnd, labels);
    }

    /** A linear axis from zero to a round number at or above {@code largest}. */
    static Scale linear(double largest, double pxStart, double pxEnd, DoubleFunction<String> labels) {
        double max = largest > 0 ? largest : 1;
        double step = niceStep(max / 5);
        return new Scale(false, 0, Math.ceil(max / step) * step, pxStart, pxEnd, labels);
    }

    /** Log when the values span more than {@code spanForLog} times, so that small bars stay visible. */
    static boolean wantsLog(double smallest, double largest, double spanForLog) {
        return smallest > 0 && largest / smallest > spanForLog;
    }

    boolean isLog() {
        return log;
    }

    double min() {
        return min;
    }

    double px(double value) {
        double fraction;
        if (log) {
            double clamped = Math.max(value, min);
            fraction = (Math.log10(clamped) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        } else {
            fraction = Math.max(value, 0) / max;
        }
        return pxStart + Math.min(fraction, 1.02) * (pxEnd - pxStart);
    }

    List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        if (log) {
            int first = (int) Math.floor(Math.log10(min) + 1e-9);
            int last = (int) Math.ceil(Math.log10(max) - 1e-9);
            boolean labelMinor = Math.log10(max / min) <= 2.5;
            for (int exponent = first; exponent <= last; exponent++) {
                double decade = Math.pow(10, exponent);
                for (int m = 1; m <= 9; m++) {
                    double value = decade * m;
                    if (value < min * (1 - 1e-9) || value > max * (1 + 1e-9)) {
                        continue;
                    }
                    boolean labelled = m == 1 || (labelMinor && (m == 2 || m == 5));
                    ticks.add(new Tick(value, labelled ? labels.apply(value) : "", labelled));
                }
            }
        } else {
            double step = niceStep(max / 5);
            for (int i = 0; i * step <= max * 1.0001; i++) {
                ticks.add(new Tick(i * step, labels.apply(i * step), true));
            }
        }
        return ticks;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
