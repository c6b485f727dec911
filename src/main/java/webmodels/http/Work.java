package webmodels.http;

import java.time.Duration;
import java.util.Locale;

/**
 * What the handler does before it answers, standing in for real application work: nothing, CPU work
 * for a given time, or a blocking wait (a database call, say) for a given time.
 *
 * <p>Written as {@code none}, {@code cpu:50us} or {@code sleep:1ms} (units ns, us, ms, s).
 */
public record Work(Kind kind, Duration duration) {

    public enum Kind { NONE, CPU, SLEEP }

    public static final Work NONE = new Work(Kind.NONE, Duration.ZERO);

    /** Written by CPU work so that the JIT cannot remove the computation. */
    private static volatile long sink;

    public static Work parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return NONE;
        }
        int colon = s.indexOf(':');
        if (colon > 0) {
            String kind = s.substring(0, colon);
            Duration duration = parseDuration(s.substring(colon + 1));
            if (duration != null && kind.equals("cpu")) return new Work(Kind.CPU, duration);
            if (duration != null && kind.equals("sleep")) return new Work(Kind.SLEEP, duration);
        }
        throw new IllegalArgumentException("work must be none, cpu:DURATION or sleep:DURATION (e.g. cpu:50us, sleep:1ms), not: " + text);
    }

    /** Parses {@code 50us}, {@code 1ms}, {@code 2s}, {@code 100ns}; null when malformed. */
    public static Duration parseDuration(String text) {
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] unit : units) {
            if (text.endsWith(unit[0])) {
                String number = text.substring(0, text.length() - unit[0].length());
                try {
                    long value = Long.parseLong(number);
                    return value < 0 ? null : Duration.ofNanos(Math.multiplyExact(value, Long.parseLong(unit[1])));
                } catch (NumberFormatException | ArithmeticException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Does the work on the calling thread. */
    public void perform() {
        switch (kind) {
            case NONE -> { }
            case CPU -> spin(duration.toNanos());
            case SLEEP -> sleep();
        }
    }

    private static void spin(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long x = deadline;
        do {
            for (int i = 0; i < 64; i++) { // xorshift: real arithmetic the JIT cannot fold away
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        } while (System.nanoTime() < deadline);
        sink = x;
    }

    private void sleep() {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** As {@link #parse} reads it: in microseconds, or in nanoseconds when that would round. */
    @Override
    public String toString() {
        long nanos = duration.toNanos();
        String amount = nanos % 1000 == 0 ? nanos / 1000 + "us" : nanos + "ns";
        return switch (kind) {
            case NONE -> "none";
            case CPU -> "cpu:" + amount;
            case SLEEP -> "sleep:" + amount;
        };
    }
}
