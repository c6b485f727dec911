package webmodels.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import webmodels.load.IdleConnections;
import webmodels.model.Footprint;

/**
 * A trial's long-lived idle keep-alive connections (the seed's "tens of thousands of long-lived
 * connections"): opened after the server starts and before anything is measured, held through the
 * measurement, closed at teardown. The server's footprint is taken just before and just after
 * opening them, so that one trial tells what each idle connection costs the server.
 *
 * <p>Nothing is hidden: connections not opened, requests not answered, and connections the server
 * has closed since are counted ({@link #counts()}).
 */
final class IdleLoad implements AutoCloseable {

    /**
     * The server's request timeout while idle connections are held: longer than any run, so that
     * the server does not close them for their silence (the default is 10 s).
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final int asked;
    private final IdleConnections connections;
    private final Footprint afterOpening;
    private final Cost cost;

    /** Where the connections are at one moment. {@code stillOpen} counts those the server has not closed. */
    record Counts(int asked, int notOpened, int answered, int unanswered, int stillOpen) {

        /** Not opened, or opened but not answered with 200 in time. */
        int failed() {
            return notOpened + unanswered;
        }
    }

    /**
     * What one held connection costs the server: the footprint's growth divided by the connections
     * held. Only when the server held at least half of those asked: otherwise the growth is mostly
     * what refusing or closing the others cost, and dividing it by the few held would mislead.
     */
    record Cost(double rssKiB, double heapKiB, double threads) {

        static Cost between(Footprint before, Footprint after, int asked, int held) {
            if (before == null || after == null || held <= 0 || held * 2L < asked) {
                return null;
            }
            double heapKiB = before.heapBytes() >= 0 && after.heapBytes() >= 0
                    ? (after.heapBytes() - before.heapBytes()) / 1024.0 / held : Double.NaN;
            return new Cost((after.rssBytes() - before.rssBytes()) / 1024.0 / held, heapKiB,
                    (after.threads() - before.threads()) / (double) held);
        }
    }

    private IdleLoad(int asked, IdleConnections connections, Footprint afterOpening, Cost cost) {
        this.asked = asked;
        this.connections = connections;
        this.afterOpening = afterOpening;
        this.cost = cost;
    }

    /**
     * Opens {@code count} idle connections to {@code server}, each answered once, waiting at most
     * {@link #openTimeout(int)}, with {@code footprint} taken before and after.
     */
    static IdleLoad open(InetSocketAddress server, int count, Supplier<Footprint> footprint) throws IOException {
        Footprint before = measure(footprint);
        IdleConnections connections = IdleConnections.open(server, count, openTimeout(count));
        Footprint after = measure(footprint);
        return new IdleLoad(count, connections, after, Cost.between(before, after, count, connections.stillOpen()));
    }

    /**
     * Generous but bounded: 10 s plus 2 ms per connection, far more than opening and answering a
     * loopback connection takes; a pool that leaves connections unanswered costs the whole timeout.
     */
    static Duration openTimeout(int count) {
        return Duration.ofSeconds(10).plusMillis(2L * count);
    }

    /** A footprint, or null when the server could not say (a forked server that died is reported elsewhere). */
    static Footprint measure(Supplier<Footprint> footprint) {
        try {
            return footprint.get();
        } catch (UncheckedIOException e) {
            System.err.println("footprint not measured: " + e.getCause().getMessage());
            return null;
        }
    }

    /** The counts now; reads and discards anything the server sent since. */
    Counts counts() {
        return new Counts(asked, connections.failedToOpen(), connections.answered(), connections.unanswered(),
                connections.stillOpen());
    }

    /** The server's footprint, heap after a full GC included, just after the connections were opened; null if it failed. */
    Footprint afterOpening() {
        return afterOpening;
    }

    /** Cost per held connection, measured when they were opened; null when fewer than half were held or the footprint failed. */
    Cost cost() {
        return cost;
    }

    /** One line for the trial's log, e.g. {@code idle connections: 1000 asked, 0 not opened, 1000 answered, ...}. */
    static String describe(Counts counts, Cost cost) {
        String line = String.format(Locale.ROOT, "idle connections: %d asked, %d not opened, %d answered, %d unanswered, %d still open",
                counts.asked(), counts.notOpened(), counts.answered(), counts.unanswered(), counts.stillOpen());
        if (cost != null) {
            // No heap figure for a server whose heap is not known from here (c-epoll, a C process; a remote one).
            String heap = Double.isNaN(cost.heapKiB()) ? "no heap figure"
                    : String.format(Locale.ROOT, "%.2f KiB heap", cost.heapKiB());
            line += String.format(Locale.ROOT, "; per held connection: %.1f KiB RSS, %s, %.3f threads",
                    cost.rssKiB(), heap, cost.threads());
        }
        return line;
    }

    @Override
    public void close() {
        connections.close();
    }
}
