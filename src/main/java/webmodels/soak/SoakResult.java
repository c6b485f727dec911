package webmodels.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * What the soak of one model found, and its verdict: no good request failed, no rude client saw
 * the unexpected, the server still runs, its descriptors and threads did not grow from before the
 * load to after it settled, and its resident memory stayed flat while the load ran.
 *
 * @param samples taken while the measured load ran, in order
 */
record SoakResult(String model, Tally tally, ProcessStats before, ProcessStats after, List<ProcessStats> samples,
                  boolean serverAlive) {

    /** RSS growth tolerated over the measured load: allocator and JIT noise, not a leak. */
    static final long RSS_SLACK_BYTES = 32L << 20;
    static final double RSS_SLACK_FRACTION = 0.20;

    boolean descriptorsGrew() {
        return after.descriptors() > before.descriptors();
    }

    boolean threadsGrew() {
        return after.threads() > before.threads();
    }

    /** Last sample against the first, beyond the larger of {@link #RSS_SLACK_BYTES} and {@link #RSS_SLACK_FRACTION}. */
    boolean rssGrew() {
        if (samples.size() < 2) {
            return false;
        }
        long first = samples.getFirst().rssBytes();
        long growth = samples.getLast().rssBytes() - first;
        return growth > Math.max(RSS_SLACK_BYTES, (long) (first * RSS_SLACK_FRACTION));
    }

    long maxRssBytes() {
        return samples.stream().mapToLong(ProcessStats::rssBytes).max().orElse(0);
    }

    boolean passed() {
        return problems().isEmpty();
    }

    /** Why the model failed the soak; empty when it passed. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!serverAlive) {
            problems.add("the server process died");
        }
        if (tally.failedRequests() > 0) {
            problems.add(tally.failedRequests() + " good requests failed");
        }
        if (tally.unexpectedOutcomes() > 0) {
            problems.add(tally.unexpectedOutcomes() + " unexpected outcomes of rude clients");
        }
        if (descriptorsGrew()) {
            problems.add("descriptors grew from " + before.descriptors() + " to " + after.descriptors());
        }
        if (threadsGrew()) {
            problems.add("threads grew from " + before.threads() + " to " + after.threads());
        }
        if (rssGrew()) {
            problems.add("RSS grew from " + samples.getFirst().rssMiB() + " to " + samples.getLast().rssMiB() + " MiB");
        }
        return problems;
    }
}
