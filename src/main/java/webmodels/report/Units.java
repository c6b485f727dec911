package webmodels.report;

/**
 * JMH's score units turned into one scale: throughput in operations per second, times in
 * seconds. JMH spells time units ns, us, ms, s, min, hr, day ({@code ops/ms}, {@code us/op}).
 */
final class Units {

    private Units() {
    }

    /** True for {@code ops/s}-like units (thrpt mode, and aux counters of type OPERATIONS). */
    static boolean isRate(String unit) {
        return unit.startsWith("ops/") && Double.isFinite(seconds(unit.substring("ops/".length())));
    }

    /** True for {@code s/op}-like units (avgt, sample and single-shot modes); not for {@code B/op}. */
    static boolean isTimePerOp(String unit) {
        return unit.endsWith("/op") && Double.isFinite(seconds(unit.substring(0, unit.length() - "/op".length())));
    }

    /** The score in operations per second, NaN when the unit is not a rate JMH writes. */
    static double perSecond(double score, String unit) {
        if (!isRate(unit)) {
            return Double.NaN;
        }
        return score / seconds(unit.substring("ops/".length()));
    }

    /** The score in seconds per operation, NaN when the unit is not a time JMH writes. */
    static double secondsPerOp(double score, String unit) {
        if (!isTimePerOp(unit)) {
            return Double.NaN;
        }
        return score * seconds(unit.substring(0, unit.length() - "/op".length()));
    }

    /** Any JMH score in base units (per second or seconds), or as it is for counts and the unknown. */
    static double normalized(double score, String unit) {
        if (isRate(unit)) {
            double value = perSecond(score, unit);
            return Double.isNaN(value) ? score : value;
        }
        if (isTimePerOp(unit)) {
            double value = secondsPerOp(score, unit);
            return Double.isNaN(value) ? score : value;
        }
        return score;
    }

    private static double seconds(String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            case "hr" -> 3600;
            case "day" -> 86400;
            default -> Double.NaN;
        };
    }

    /** A unit for showing times near {@code typicalSeconds} as numbers from about 1 to 1000. */
    static TimeUnitChoice timeUnitFor(double typicalSeconds) {
        if (typicalSeconds >= 1) {
            return TimeUnitChoice.S;
        }
        if (typicalSeconds >= 1e-3) {
            return TimeUnitChoice.MS;
        }
        if (typicalSeconds >= 1e-6 || !(typicalSeconds > 0)) {
            return TimeUnitChoice.US;
        }
        return TimeUnitChoice.NS;
    }

    enum TimeUnitChoice {
        NS("ns", 1e-9), US("µs", 1e-6), MS("ms", 1e-3), S("s", 1);

        final String symbol;
        final double seconds;

        TimeUnitChoice(String symbol, double seconds) {
            this.symbol = symbol;
            this.seconds = seconds;
        }

        double of(double secondsValue) {
            return secondsValue / this.seconds;
        }
    }
}
