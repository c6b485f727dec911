package webmodels.soak;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients of one model saw, counted honestly: good requests answered, good requests that
 * failed (and why), and the outcomes of rude clients, expected (a 400 for malformed input, a reset
 * done) or not. Nothing is retried or dropped: every failure is counted under its reason.
 * Thread-safe: the clients of a model share one tally.
 */
final class Tally {

    /** The longest reason kept; beyond it the reasons of one failure would not group. */
    private static final int MAX_REASON = 160;

    private final LongAdder answered = new LongAdder();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> expected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();

    /** {@code requests} good requests were answered as they should be. */
    void answered(long requests) {
        answered.add(requests);
    }

    /** {@code requests} good requests of {@code client} were not answered as they should be. */
    void failed(String client, long requests, String reason) {
        if (requests <= 0) {
            throw new IllegalArgumentException("a failure counts at least one request: " + requests);
        }
        failed.computeIfAbsent(key(client, reason), k -> new LongAdder()).add(requests);
    }

    /** A rude client saw what it should: {@code outcome} names it, e.g. "malformed: 400". */
    void expected(String outcome) {
        expected.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** A rude client saw something it should not have. */
    void unexpected(String client, String reason) {
        unexpected.computeIfAbsent(key(client, reason), k -> new LongAdder()).increment();
    }

    long answered() {
        return answered.sum();
    }

    long failedRequests() {
        return sum(failed);
    }

    long expectedOutcomes() {
        return sum(expected);
    }

    long unexpectedOutcomes() {
        return sum(unexpected);
    }

    /** True when no good request failed and no rude client saw the unexpected. */
    boolean clean() {
        return failedRequests() == 0 && unexpectedOutcomes() == 0;
    }

    /** Every failure and unexpected outcome as "COUNT x client: reason", sorted. */
    List<String> problems() {
        return java.util.stream.Stream.concat(
                        failed.entrySet().stream().map(e -> e.getValue().sum() + " x failed " + e.getKey()),
                        unexpected.entrySet().stream().map(e -> e.getValue().sum() + " x unexpected " + e.getKey()))
                .sorted()
                .toList();
    }

    /** The expected outcomes by name, sorted by name. */
    Map<String, Long> expectedByOutcome() {
        Map<String, Long> sorted = new TreeMap<>();
        expected.forEach((outcome, count) -> sorted.put(outcome, count.sum()));
        return sorted;
    }

    private static String key(String client, String reason) {
        String text = client + ": " + reason;
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }

    private static long sum(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
