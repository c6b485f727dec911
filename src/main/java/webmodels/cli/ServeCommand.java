package webmodels.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import webmodels.http.Limits;
import webmodels.http.Work;
import webmodels.model.Footprint;
import webmodels.model.Model;
import webmodels.model.Server;
import webmodels.model.ServerConfig;
import webmodels.stats.StatsEndpoint;

/**
 * {@code serve MODEL}: one model in the foreground, on 127.0.0.1 unless {@code --host} says
 * otherwise, so that a user can repeat the seed's experiment with ab or wrk. SIGINT and SIGTERM
 * stop it, children included.
 *
 * <p>With {@code --control stdin} (how {@link webmodels.model.ForkedServer} runs a model), each
 * line {@code footprint} on standard input is answered with this JVM's footprint, and end of
 * input stops the server: the parent closed us, or died.
 *
 * <p>With {@code --stats-port P}, a read-only stats port on the same address answers {@code GET /}
 * with the model, its options and what the server has cost so far ({@link StatsEndpoint}), for
 * benchmarks run from another host ({@code -p target=HOST:PORT}).
 */
final class ServeCommand {

    private ServeCommand() {
    }

    /** A parsed command line. */
    record Invocation(String model, Server server, String host, boolean controlledByStdin, ServerConfig config,
                      Integer statsPort) {
    }

    static int run(String[] args) throws Exception {
        Invocation invocation;
        try {
            invocation = parse(args);
        } catch (IllegalArgumentException | UnknownHostException e) {
            System.err.println("serve: " + e.getMessage());
            System.err.println(Main.usage());
            return 2;
        }
        Server server = invocation.server();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("serve: " + invocation.model() + " could not start: " + e.getMessage());
            server.close();
            return 1;
        }
        StatsEndpoint stats = invocation.statsPort() == null ? null : startStats(invocation, server);
        if (invocation.statsPort() != null && stats == null) {
            return 1;
        }
        System.out.println("serving " + invocation.model() + " on http://" + invocation.host() + ":" + server.port() + "/ (Ctrl-C stops)");
        if (stats != null) {
            System.out.println("stats of " + invocation.model() + " on http://" + invocation.host() + ":" + stats.port() + "/");
        }
        System.out.flush();
        if (invocation.controlledByStdin()) {
            answerControlRequests();
            return 0; // the shutdown hook closes the server
        }
        stopped.await();
        return 0;
    }

    /** Opens the stats port beside the server ({@link StatsEndpoint}); null, with the server closed, when it cannot. */
    private static StatsEndpoint startStats(Invocation invocation, Server server) {
        StatsEndpoint stats;
        try {
            stats = StatsEndpoint.start(invocation.model(), invocation.config(), server.port(), invocation.statsPort());
        } catch (IOException e) {
            System.err.println("serve: the stats port " + invocation.statsPort() + " could not open: " + e.getMessage());
            server.close();
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stats::close, "serve-stats-shutdown"));
        return stats;
    }

    private static void answerControlRequests() throws IOException {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("footprint")) {
                System.out.println("footprint " + Footprint.ofThisJvm().toJson());
                System.out.flush();
            }
        }
    }

    static Invocation parse(String[] args) throws UnknownHostException {
        if (args.length == 0) {
            throw new IllegalArgumentException("name a model");
        }
        Model model = Model.byName(args[0]);
        InetAddress host = InetAddress.getLoopbackAddress();
        String hostText = "127.0.0.1";
        int port = 9527;
        Work work = Work.NONE;
        Limits limits = Limits.DEFAULT;
        boolean controlledByStdin = false;
        Integer statsPort = null;
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options come as --name value, not: " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--host" -> {
                    host = InetAddress.getByName(value);
                    hostText = value;
                }
                case "--port" -> port = parsePort("--port", value);
                case "--stats-port" -> statsPort = parsePort("--stats-port", value);
                case "--work" -> work = Work.parse(value);
                case "--request-timeout" -> limits = limits.withRequestTimeout(parseTimeout(value));
                case "--control" -> {
                    if (!value.equals("stdin")) {
                        throw new IllegalArgumentException("--control takes only: stdin");
                    }
                    controlledByStdin = true;
                }
                default -> options.put(flag.substring(2), value);
            }
        }
        ServerConfig config = new ServerConfig(host, port, limits, work, options);
        Server server = model.create(config);
        return new Invocation(model.modelName, server, hostText, controlledByStdin, config, statsPort);
    }

    private static int parsePort(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be 0 to 65535, not: " + value);
    }

    private static Duration parseTimeout(String value) {
        Duration duration = Work.parseDuration(value);
        if (duration == null || duration.isZero()) {
            throw new IllegalArgumentException("--request-timeout must be a duration such as 10s or 500ms, not: " + value);
        }
        return duration;
    }
}
