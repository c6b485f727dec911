package webmodels.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
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
@Command(name = "serve", sortOptions = false, synopsisHeading = "usage: ",
        customSynopsis = {"serve MODEL [--port 9527] [--host 127.0.0.1] [--work none]",
                "             [--request-timeout 10s] [--stats-port PORT] [--MODEL-OPTION VALUE ...]"},
        description = "Runs one model in the foreground until Ctrl-C.",
        footerHeading = "%n",
        footer = "Model options (--loops 4, --workers 16, --select busy-poll, ...) are the knobs of the model's "
                + "benchmark class (java -jar target/benchmarks.jar -lp lists them); an unknown one is refused with "
                + "the list of the model's options.")
final class ServeCommand implements Callable<Integer> {

    /** How a parent process drives a forked server. */
    enum Control { stdin }

    // The options, all here.
    @Parameters(index = "0", paramLabel = "MODEL", converter = Converters.ModelName.class,
            description = "one of: ${COMPLETION-CANDIDATES}")
    Model model;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9527", converter = Converters.Port.class,
            description = "port to listen on, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--work", paramLabel = "WORK", defaultValue = "none", converter = Converters.WorkOption.class,
            description = "the handler's work per request: none, cpu:50us, sleep:1ms (default: ${DEFAULT-VALUE})")
    Work work;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.PositiveDuration.class,
            description = "close a connection silent, or sending one request, for this long (default: ${DEFAULT-VALUE})")
    Duration requestTimeout;

    @Option(names = "--stats-port", paramLabel = "PORT", converter = Converters.Port.class,
            description = "also answer GET / on this port, same address, with the server's model, options and "
                    + "CPU so far (JSON), for benchmarks run from another host (default: off)")
    Integer statsPort;

    @Option(names = "--control", hidden = true, description = "stdin: answer 'footprint' lines, stop at end of input")
    Control control;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    /** {@code --NAME VALUE} pairs that are not the options above: the model's own options. */
    @Unmatched
    List<String> modelOptions = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** The server the command line describes, built, not started; bad input is a usage error. */
    Server server() {
        try {
            return model.create(config());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** What the command line asks the model for; bad input is a usage error. */
    ServerConfig config() {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < modelOptions.size(); i += 2) {
            String flag = modelOptions.get(i);
            if (!flag.startsWith("--") || flag.length() < 3 || i + 1 >= modelOptions.size()) {
                throw new ParameterException(spec.commandLine(), "model options come as --name value, not: " + flag);
            }
            options.put(flag.substring(2), modelOptions.get(i + 1));
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return new ServerConfig(address, port, Limits.DEFAULT.withRequestTimeout(requestTimeout), work, options);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        Server server = server();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        try {
            server.start();
        } catch (IOException e) {
            spec.commandLine().getErr().println("serve: " + model + " could not start: " + e.getMessage());
            server.close();
            return 1;
        }
        StatsEndpoint stats = statsPort == null ? null : startStats(server);
        if (statsPort != null && stats == null) {
            return 1;
        }
        out.println("serving " + model + " on http://" + host + ":" + server.port() + "/ (Ctrl-C stops)");
        if (stats != null) {
            out.println("stats of " + model + " on http://" + host + ":" + stats.port() + "/");
        }
        out.flush();
        if (control == Control.stdin) {
            answerControlRequests(out);
            return 0; // the shutdown hook closes the server
        }
        stopped.await();
        return 0;
    }

    /** Opens the stats port beside the server ({@link StatsEndpoint}); null, with the server closed, when it cannot. */
    private StatsEndpoint startStats(Server server) {
        StatsEndpoint stats;
        try {
            stats = StatsEndpoint.start(model.modelName, config(), server.port(), statsPort);
        } catch (IOException e) {
            spec.commandLine().getErr().println("serve: the stats port " + statsPort + " could not open: " + e.getMessage());
            server.close();
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stats::close, "serve-stats-shutdown"));
        return stats;
    }

    private static void answerControlRequests(PrintWriter out) throws IOException {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("footprint")) {
                out.println("footprint " + Footprint.ofThisJvm().toJson());
                out.flush();
            }
        }
    }
}
