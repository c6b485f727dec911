package webmodels.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import webmodels.http.Limits;
import webmodels.load.RawHttpClient;
import webmodels.load.RequestFailedException;
import webmodels.model.Footprint;
import webmodels.model.ForkedServer;
import webmodels.model.Model;
import webmodels.model.ServerConfig;

/**
 * How many idle keep-alive connections each model holds on this machine: a functional probe, not a
 * benchmark (it times nothing). Per model, as a trial with {@code fork=true} does: the server in a
 * JVM of its own, then N idle connections ({@link IdleLoad}), a pause, and one request from a new
 * client, to see whether the server still serves anyone else. One Markdown row per model.
 *
 * <pre>
 *   ./run-bench.sh probe-connections 15000                    # every model
 *   ./run-bench.sh probe-connections 5000 reactor thread-pool
 * </pre>
 */
public final class ConnectionProbe {

    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Duration NEW_CLIENT_TIMEOUT = Duration.ofSeconds(5);

    private ConnectionProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || !args[0].matches("\\d+")) {
            System.err.println("usage: ConnectionProbe COUNT [MODEL ...]   (models: " + Model.names() + ")");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        List<Model> models = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            models.add(Model.byName(args[i]));
        }
        if (models.isEmpty()) {
            models.addAll(List.of(Model.values()));
        }
        System.out.println("| model | asked | not opened | answered | unanswered | still open | new client "
                + "| processes | threads | RSS MiB | heap MiB | RSS KiB / conn | heap KiB / conn | threads / conn |");
        System.out.println("|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|");
        for (Model model : models) {
            System.out.println(probe(model, count));
        }
    }

    /** One row: the model's server forked, {@code count} idle connections held, then a new client's request. */
    static String probe(Model model, int count) throws InterruptedException {
        ServerConfig config = ServerConfig.loopback(0).withLimits(Limits.DEFAULT.withRequestTimeout(IdleLoad.REQUEST_TIMEOUT));
        try (ForkedServer server = new ForkedServer(model, config, List.of())) {
            server.start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            try (IdleLoad idle = IdleLoad.open(address, count, server::footprint)) {
                Thread.sleep(PAUSE.toMillis());
                IdleLoad.Counts counts = idle.counts();
                String newClient = newClientRequest(address);
                Footprint footprint = server.footprint();
                IdleLoad.Cost cost = idle.cost();
                return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s | %d | %d | %.0f | %.0f | %s | %s | %s |",
                        model, counts.asked(), counts.notOpened(), counts.answered(), counts.unanswered(), counts.stillOpen(),
                        newClient, footprint.processes(), footprint.threads(), footprint.rssBytes() / 1048576.0,
                        footprint.heapBytes() / 1048576.0,
                        cost == null ? "—" : String.format(Locale.ROOT, "%.1f", cost.rssKiB()),
                        cost == null ? "—" : String.format(Locale.ROOT, "%.2f", cost.heapKiB()),
                        cost == null ? "—" : String.format(Locale.ROOT, "%.3f", cost.threads()));
            }
        } catch (IOException | RuntimeException e) {
            return "| " + model + " | " + count + " | failed: " + e.getMessage() + " |||||||||||";
        }
    }

    /** "ok", or the kind of failure a client that arrives now meets. */
    private static String newClientRequest(InetSocketAddress address) {
        try (RawHttpClient client = new RawHttpClient(address, true, NEW_CLIENT_TIMEOUT)) {
            client.get();
            return "ok";
        } catch (RequestFailedException e) {
            return e.failure().name().toLowerCase(Locale.ROOT);
        }
    }
}
