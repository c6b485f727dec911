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
    /** How many details each problem keeps, the first ones: enough to diagnose it, not a log of every repeat. */
    static final int DETAILS_PER_PROBLEM = 3;

    private final LongAdder answered = new LongAdder();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> expected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
    /** Details of the first failures of each problem, by its key ("failed client: reason"); not part of the grouping. */
    private final Map<String, List<String>> details = new ConcurrentHashMap<>();

    /** {@code requests} good requests were answered as they should be. */
    void answered(long requests) {
        answered.add(requests);
    }

    /** {@code requests} good requests of {@code client} were not answered as they should be. */
    void failed(String client, long requests, String reason) {
        failed(client, requests, reason, null);
    }

    /**
     * As {@link #failed(String, long, String)}, with what the client had done when it failed (which
     * request, how long after the last response): kept for the first few of each reason, so that a
     * rare failure can be diagnosed from the report; it does not split the reason's count.
     */
    void failed(String client, long requests, String reason, String detail) {
        if (requests <= 0) {
            throw new IllegalArgumentException("a failure counts at least one request: " + requests);
        }
        String key = key(client, reason);
        failed.computeIfAbsent(key, k -> new LongAdder()).add(requests);
        keepDetail("failed " + key, detail);
    }

    /** A rude client saw what it should: {@code outcome} names it, e.g. "malformed: 400". */
    void expected(String outcome) {
        expected.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** A rude client saw something it should not have. */
    void unexpected(String client, String reason) {
        unexpected(client, reason, null);
    }

    /** As {@link #unexpected(String, String)}, with a detail kept as for {@link #failed(String, long, String, String)}. */
    void unexpected(String client, String reason, String detail) {
        String key = key(client, reason);
        unexpected.computeIfAbsent(key, k -> new LongAdder()).increment();
        keepDetail("unexpected " + key, detail);
    }

    private void keepDetail(String problem, String detail) {
        if (detail == null) {
            return;
        }
        List<String> kept = details.computeIfAbsent(problem, k -> new java.util.ArrayList<>());
        synchronized (kept) {
            if (kept.size() < DETAILS_PER_PROBLEM) {
                kept.add(detail);
            }
        }
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

    /**
     * {@link #problems()}, each followed by the details kept for it, one a line, indented
     * ("  first: ..."), so that the report shows what the clients had done when they failed.
     */
    List<String> problemsWithDetails() {
        List<String> lines = new java.util.ArrayList<>();
        addWithDetails(lines, failed, "failed ");
        addWithDetails(lines, unexpected, "unexpected ");
        return lines;
    }

    private void addWithDetails(List<String> lines, Map<String, LongAdder> counts, String kind) {
        for (String key : new TreeMap<>(counts).keySet()) {
            lines.add(counts.get(key).sum() + " x " + kind + key);
            List<String> kept = details.getOrDefault(kind + key, List.of());
            synchronized (kept) {
                for (String detail : kept) {
                    lines.add("  first: " + detail);
                }
            }
        }
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
