package webmodels.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as the report prints them: grouped thousands, a few significant digits, never "NaN". */
final class Format {

    static final String MISSING = "—";

    private Format() {
    }

    /** 41,230 / 123 / 12.3 / 1.23 / 0.0123: integers from 100 on, three significant digits below. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return significant(value, 3);
    }

    /** {@code value ± error} with the error to the same precision; the error left out when unknown. */
    static String withError(double value, double error) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        if (!Double.isFinite(error)) {
            return number(value);
        }
        if (Math.abs(value) >= 100) {
            return number(value) + " ± " + String.format(Locale.ROOT, "%,d", Math.round(error));
        }
        return number(value) + " ± " + significant(error, 2);
    }

    /** A count of events: 0, 17, 1,204. */
    static String count(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,d", Math.round(value)) : MISSING;
    }

    /** A fraction as a percentage with two significant digits: 0.0012 %, 3.4 %, 100 %. */
    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return MISSING;
        }
        if (fraction == 0) {
            return "0 %";
        }
        return significant(fraction * 100, 2) + " %";
    }

    /** Short form for chart labels: 950, 41.2k, 1.23M. */
    static String compact(double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        double abs = Math.abs(value);
        if (abs >= 1e9) {
            return significant(value / 1e9, 3) + "G";
        }
        if (abs >= 1e6) {
            return significant(value / 1e6, 3) + "M";
        }
        if (abs >= 1e3) {
            return significant(value / 1e3, 3) + "k";
        }
        return significant(value, 3);
    }

    /** A time in seconds in the given unit, without the unit. */
    static String time(double seconds, Units.TimeUnitChoice unit) {
        return number(unit.of(seconds));
    }

    /** A time in seconds with a unit picked for it: 850 ns, 12.3 µs, 4.5 ms, 1.2 s. */
    static String timeWithUnit(double seconds) {
        if (!Double.isFinite(seconds)) {
            return MISSING;
        }
        Units.TimeUnitChoice unit = Units.timeUnitFor(seconds);
        return significant(unit.of(seconds), 3) + " " + unit.symbol;
    }

    /** A JMH score with its error and unit, rates per second and times in a fitting unit. */
    static String score(Metric metric) {
        String unit = metric.unit();
        double score = Units.normalized(metric.score(), unit);
        double error = Units.normalized(metric.error(), unit);
        if (Units.isTimePerOp(unit) && Double.isFinite(score)) {
            Units.TimeUnitChoice choice = Units.timeUnitFor(score);
            return withError(choice.of(score), choice.of(error)) + " " + choice.symbol + "/op";
        }
        String unitText = Units.isRate(unit) ? "ops/s" : unit.equals("#") ? "" : unit;
        return withError(score, error) + (unitText.isEmpty() ? "" : " " + unitText);
    }

    static String significant(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits));
        return rounded.stripTrailingZeros().toPlainString();
    }
}
