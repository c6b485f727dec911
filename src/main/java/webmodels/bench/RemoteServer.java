package webmodels.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import webmodels.http.Limits;
import webmodels.model.Server;
import webmodels.model.ServerConfig;
import webmodels.stats.ServerStats;
import webmodels.stats.StatsClient;

/**
 * A server already running elsewhere ({@code serve MODEL --stats-port P} on another host, another
 * network namespace, or other cores), driven with {@code -p target=HOST:PORT}. {@link #start()}
 * starts nothing: it asks the stats port which model, options and work the server runs, refuses
 * any that differ from what the benchmark stands for (so that no result carries the wrong model's
 * name), and checks that the target accepts connections. Its CPU time and footprint are read from
 * the stats port ({@link #stats()}); {@link #close()} leaves it running, since it is not ours.
 */
final class RemoteServer implements Server {

    /** How long the reachability check may wait for the target to accept. */
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String benchmark;
    private final String modelName;
    private final InetSocketAddress target;
    private final StatsClient stats;
    private final ServerConfig expected;
    private final Map<String, String> paramDefaults;

    /**
     * @param benchmark     the benchmark class's simple name, for messages
     * @param expected      work, limits and options the benchmark's {@code @Param}s ask for
     * @param paramDefaults the options at the {@code @Param} defaults, which are the model's defaults:
     *                      an option the server was not given may take that value
     */
    RemoteServer(String benchmark, String modelName, InetSocketAddress target, InetSocketAddress statsAddress,
                 ServerConfig expected, Map<String, String> paramDefaults) {
        this.benchmark = benchmark;
        this.modelName = modelName;
        this.target = target;
        this.stats = new StatsClient(statsAddress);
        this.expected = expected;
        this.paramDefaults = Map.copyOf(paramDefaults);
    }

    @Override
    public void start() throws IOException {
        ServerStats found = stats.read();
        String where = "target " + text(target) + " (stats port " + text(stats.address()) + ")";
        if (!found.model().equals(modelName)) {
            throw new IllegalStateException(where + " runs model '" + found.model() + "', not '" + modelName
                    + "' that " + benchmark + " measures: run the benchmark of " + found.model() + ", or serve " + modelName);
        }
        if (found.port() != target.getPort()) {
            throw new IllegalStateException(where + ": the stats are of the server on port " + found.port()
                    + ", not " + target.getPort() + ": give the stats port of the target (-p targetStats=HOST:PORT)");
        }
        String mismatch = mismatch(found);
        if (mismatch != null) {
            throw new IllegalStateException(where + " runs " + found.model() + " with " + mismatch
                    + "; start it as: " + serveCommand());
        }
        try (Socket probe = new Socket()) {
            probe.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new IOException("target " + text(target) + " does not accept connections (" + e.getMessage()
                    + "), though its stats port " + text(stats.address()) + " answers for " + found.model(), e);
        }
    }

    /** What differs between the server and the benchmark's {@code @Param}s, or null when nothing does. */
    String mismatch(ServerStats found) {
        if (!found.work().equals(expected.work().toString())) {
            return "work " + found.work() + ", but the benchmark asks for work=" + expected.work();
        }
        long timeoutMillis = expected.limits().requestTimeout().toMillis();
        Long serverTimeout = found.limits().get("requestTimeoutMillis");
        if (serverTimeout == null || serverTimeout < timeoutMillis) {
            return "a request timeout of " + serverTimeout + " ms, shorter than the " + timeoutMillis
                    + " ms the benchmark needs (idleConnections > 0 needs --request-timeout 10m)";
        }
        Map<String, String> asked = expected.options();
        Map<String, String> all = new TreeMap<>(asked);
        all.putAll(found.options());
        for (String option : all.keySet()) {
            String served = found.options().get(option);
            String wanted = asked.get(option);
            boolean same = served != null
                    ? served.equals(wanted)
                    : wanted == null || wanted.equals(paramDefaults.get(option)); // not given: the model's default
            if (!same) {
                return "options " + new TreeMap<>(found.options()) + ", but the benchmark asks for "
                        + new TreeMap<>(asked) + " (" + option + ": " + served + " there, " + wanted + " here)";
            }
        }
        return null;
    }

    /** The {@code serve} command that would satisfy the benchmark, for the refusal message. */
    private String serveCommand() {
        StringBuilder command = new StringBuilder("serve " + modelName + " --host " + target.getAddress().getHostAddress()
                + " --port " + target.getPort() + " --stats-port " + stats.address().getPort());
        if (!expected.work().toString().equals("none")) {
            command.append(" --work ").append(expected.work());
        }
        long timeoutMillis = expected.limits().requestTimeout().toMillis();
        if (timeoutMillis != Limits.DEFAULT.requestTimeout().toMillis()) {
            command.append(" --request-timeout ").append(timeoutMillis).append("ms");
        }
        new TreeMap<>(expected.options()).forEach((name, value) -> {
            if (!Objects.equals(value, paramDefaults.get(name))) {
                command.append(" --").append(name).append(' ').append(value);
            }
        });
        return command.toString();
    }

    /** The server's figures now, from its stats port; a failure mid-run ends the trial, it is never skipped. */
    ServerStats stats() {
        try {
            return stats.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress target() {
        return target;
    }

    @Override
    public int port() {
        return target.getPort();
    }

    /** Leaves the server running: whoever started it stops it. */
    @Override
    public void close() {
        // nothing of ours to free: no thread, socket or process was opened beyond each stats request
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
