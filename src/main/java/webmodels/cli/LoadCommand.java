package webmodels.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.HdrHistogram.Histogram;
import webmodels.load.Failure;
import webmodels.load.OpenLoopDriver;
import webmodels.load.OpenLoopResult;
import webmodels.load.Targets;

/**
 * {@code load URL --rate R --connections C --duration D}: an open-loop load at a constant rate
 * against a server on this machine (see {@link OpenLoopDriver}), printed as a percentile table
 * in the manner of wrk2. Loopback and private networks only ({@link Targets}): it is a measuring
 * tool, not a load generator for others' servers.
 */
@Command(name = "load", sortOptions = false, synopsisHeading = "usage: ",
        description = "Sends requests at a constant rate to a server on this machine, whatever the server does, "
                + "and prints latency percentiles measured from each request's intended send time (as wrk2).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:after a run with at least one success", "1:no request succeeded", "2:bad arguments"})
final class LoadCommand implements Callable<Integer> {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    // The options, all here.
    @Parameters(index = "0", paramLabel = "URL", description = "http://HOST:PORT/ of a server on loopback (127.0.0.1, ::1, localhost) or a private network")
    String urlText;

    @Option(names = "--rate", required = true, paramLabel = "R", converter = Converters.Rate.class,
            description = "requests per second, all connections together")
    double rate;

    @Option(names = "--connections", required = true, paramLabel = "C", converter = Converters.Connections.class,
            description = "keep-alive connections, opened before the schedule starts; one thread drives them all through a selector")
    int connections;

    @Option(names = "--duration", required = true, paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "how long to measure, after the warmup: 30s, 500ms")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.NonNegativeDuration.class,
            description = "load first, not measured (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s", converter = Converters.PositiveDuration.class,
            description = "per request, from its actual send (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    /** Runs {@code load} with {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Main.commandLine(new LoadCommand(), out, err).execute(args);
    }

    /** The driver the command line describes; a bad URL or a host that is not this machine is a usage error. */
    OpenLoopDriver driver(URI url) {
        try {
            return new OpenLoopDriver(serverAddress(url), rate, connections, warmup, duration, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        URI url;
        try {
            url = url(urlText);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        OpenLoopDriver driver = driver(url);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Running %s load @ %s (after %s warmup)%n", text(duration), url, text(warmup));
        out.printf(Locale.ROOT, "  %d connections, target %s requests/s, timeout %s%n", connections, number(rate),
                text(timeout));
        out.flush();
        OpenLoopResult result = driver.run();
        print(result, out);
        out.flush();
        return result.successes() > 0 ? 0 : 1;
    }

    private static URI url(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + text);
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("the URL must be http://HOST:PORT/, not: " + text);
        }
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")
                || url.getRawQuery() != null) {
            throw new IllegalArgumentException("load always requests /; drop the path from: " + text);
        }
        return url;
    }

    /** Refuses anything but loopback and private networks: nothing here should ever load someone else's server. */
    static InetSocketAddress serverAddress(URI url) {
        InetAddress address;
        try {
            address = InetAddress.getByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + url.getHost());
        }
        if (!Targets.isLoopbackOrPrivate(address)) {
            throw new IllegalArgumentException("refusing " + url.getHost() + " (" + address.getHostAddress()
                    + "): load only targets loopback servers (127.0.0.1, ::1, localhost) and private networks (10/8, 192.168/16, ...)");
        }
        return new InetSocketAddress(address, url.getPort() < 0 ? 80 : url.getPort());
    }

    static void print(OpenLoopResult result, PrintWriter out) {
        out.println();
        if (result.successes() == 0) {
            out.println("  No successful response: every latency below is a lower bound.");
        }
        if (result.due() == 0) {
            out.println("  No request was due: no latency to show.");
        } else {
            out.println("  Latency Distribution (from each request's intended send time: no coordinated omission;");
            out.println("  every request due, failed and unsent ones too; >= marks a lower bound)");
            for (double percentile : PERCENTILES) {
                out.printf(Locale.ROOT, "  %8.3f%%  %2s%10s%n", percentile, result.isLowerBound(percentile) ? ">=" : "",
                        micros(result.percentileMicros(percentile)));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "  %d requests in %s, %d ok, %d failed%n", result.requests(), text(result.duration()),
                result.successes(), result.failures());
        out.printf(Locale.ROOT, "  Requests/sec: %.2f ok (target %s)%n", result.achievedRate(), number(result.targetRate()));
        out.printf(Locale.ROOT, "  Sent late: %d (every connection was busy; the wait is in their latency)%n", result.late());
        out.printf(Locale.ROOT, "  Never sent: %d (due before the end; in the percentiles at end - intended time)%n", result.unsent());
        out.printf(Locale.ROOT, "  Connections opened: %d%n", result.connectionsOpened());
        StringBuilder errors = new StringBuilder();
        for (Map.Entry<Failure, Long> entry : result.errors().entrySet()) {
            if (entry.getValue() > 0) {
                errors.append(errors.isEmpty() ? "" : ", ").append(entry.getKey().name().toLowerCase(Locale.ROOT))
                        .append(' ').append(entry.getValue());
            }
        }
        out.println("  Errors: " + (errors.isEmpty() ? "none" : errors));
        printDriver(result, out);
    }

    /** The driver's own figures, and a warning when they say the latency above is the driver's. */
    private static void printDriver(OpenLoopResult result, PrintWriter out) {
        Histogram lateness = result.sendLatenessMicros();
        out.printf(Locale.ROOT, "  Driver: sent p50 %s, p99 %s, max %s after the schedule; CPU %.1fus per request%n",
                micros(lateness.getValueAtPercentile(50)), micros(lateness.getValueAtPercentile(99)),
                micros(lateness.getMaxValue()), result.clientCpuMicrosPerRequest());
        if (result.driverLimited()) {
            out.printf(Locale.ROOT, "  DRIVER-LIMITED: the driver sent its p99 request %s late, above %dus and %.0f%% of the"
                            + " p99 latency: these percentiles measure the driver, not the server. Lower the rate.%n",
                    micros(result.sendLatenessP99Micros()), OpenLoopResult.DRIVER_LIMIT_FLOOR_MICROS,
                    OpenLoopResult.DRIVER_LIMIT_FRACTION * 100);
        }
    }

    /** Latency with a unit that suits it, as wrk2 prints it: 812.00us, 1.23ms, 2.50s. */
    static String micros(long micros) {
        if (micros < 1_000) {
            return String.format(Locale.ROOT, "%.2fus", (double) micros);
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.2fms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.2fs", micros / 1e6);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String text(Duration duration) {
        if (duration.toMillis() == 0 && !duration.isZero()) {
            return duration.toNanos() / 1000 + "us";
        }
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
