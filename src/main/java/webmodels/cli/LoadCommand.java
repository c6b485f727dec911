package webmodels.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import webmodels.http.Work;
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
final class LoadCommand {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    private LoadCommand() {
    }

    /** The settings of one run, read from the command line. */
    record Settings(URI url, InetSocketAddress server, double rate, int connections, Duration warmup,
                    Duration duration, Duration timeout) {

        OpenLoopDriver driver() {
            return new OpenLoopDriver(server, rate, connections, warmup, duration, timeout);
        }
    }

    static int run(String[] args) throws InterruptedException {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Settings settings;
        OpenLoopDriver driver;
        try {
            settings = parse(args);
            driver = settings.driver();
        } catch (IllegalArgumentException e) {
            err.println("load: " + e.getMessage());
            err.println(Main.usage());
            return 2;
        }
        out.printf(Locale.ROOT, "Running %s load @ %s (after %s warmup)%n", text(settings.duration()), settings.url(),
                text(settings.warmup()));
        out.printf(Locale.ROOT, "  %d connections, target %s requests/s, timeout %s%n", settings.connections(),
                number(settings.rate()), text(settings.timeout()));
        out.flush();
        OpenLoopResult result = driver.run();
        print(result, out);
        return result.successes() > 0 ? 0 : 1;
    }

    static Settings parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("name the URL to load, e.g. http://127.0.0.1:9527/");
        }
        URI url = url(args[0]);
        InetSocketAddress server = serverAddress(url);
        Double rate = null;
        Integer connections = null;
        Duration duration = null;
        Duration warmup = Duration.ofSeconds(1);
        Duration timeout = Duration.ofSeconds(2);
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options come as --name value, not: " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--rate" -> rate = positiveNumber(flag, value);
                case "--connections" -> connections = (int) wholeNumber(flag, value, 1, 10_000);
                case "--duration" -> duration = duration(flag, value, false);
                case "--warmup" -> warmup = duration(flag, value, true);
                case "--timeout" -> timeout = duration(flag, value, false);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (rate == null || connections == null || duration == null) {
            throw new IllegalArgumentException("--rate, --connections and --duration are required");
        }
        return new Settings(url, server, rate, connections, warmup, duration, timeout);
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

    /** Refuses anything but this machine: nothing here should ever load someone else's server. */
    private static InetSocketAddress serverAddress(URI url) {
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

    private static double positiveNumber(String flag, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && !Double.isInfinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a positive number of requests per second, not: " + value);
    }

    private static long wholeNumber(String flag, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a whole number from " + min + " to " + max + ", not: " + value);
    }

    private static Duration duration(String flag, String value, boolean zeroAllowed) {
        Duration duration = Work.parseDuration(value);
        if (duration == null || (duration.isZero() && !zeroAllowed)) {
            throw new IllegalArgumentException(flag + " must be a duration such as 10s or 500ms, not: " + value);
        }
        return duration;
    }

    static void print(OpenLoopResult result, PrintStream out) {
        out.println();
        if (result.successes() == 0) {
            out.println("  No successful response: no latency to show.");
        } else {
            out.println("  Latency Distribution (from each request's intended send time: no coordinated omission)");
            for (double percentile : PERCENTILES) {
                out.printf(Locale.ROOT, "  %8.3f%%  %10s%n", percentile, micros(result.percentileMicros(percentile)));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "  %d requests in %s, %d ok, %d failed%n", result.requests(), text(result.duration()),
                result.successes(), result.failures());
        out.printf(Locale.ROOT, "  Requests/sec: %.2f ok (target %s)%n", result.achievedRate(), number(result.targetRate()));
        out.printf(Locale.ROOT, "  Sent late: %d (waited for a busy connection; counted in their latency)%n", result.late());
        out.printf(Locale.ROOT, "  Never sent: %d (due before the end, but the server had fallen that far behind)%n", result.unsent());
        out.printf(Locale.ROOT, "  Connections opened: %d%n", result.connectionsOpened());
        StringBuilder errors = new StringBuilder();
        for (Map.Entry<Failure, Long> entry : result.errors().entrySet()) {
            if (entry.getValue() > 0) {
                errors.append(errors.isEmpty() ? "" : ", ").append(entry.getKey().name().toLowerCase(Locale.ROOT))
                        .append(' ').append(entry.getValue());
            }
        }
        out.println("  Errors: " + (errors.isEmpty() ? "none" : errors));
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
