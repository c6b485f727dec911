package webmodels.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import webmodels.http.Limits;
import webmodels.http.Work;
import webmodels.model.Model;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

/**
 * {@code serve MODEL}: one model in the foreground, on 127.0.0.1 unless {@code --host} says
 * otherwise, so that a user can repeat the seed's experiment with ab or wrk. SIGINT and SIGTERM
 * stop it, children included.
 */
final class ServeCommand {

    private ServeCommand() {
    }

    static int run(String[] args) throws Exception {
        Server server;
        try {
            server = parse(args);
        } catch (IllegalArgumentException | UnknownHostException e) {
            System.err.println("serve: " + e.getMessage());
            System.err.println(Main.usage());
            System.err.println("models: " + Model.names());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        server.start();
        System.out.println("serving " + args[0] + " on http://" + hostForUrl(args) + ":" + server.port() + "/ (Ctrl-C stops)");
        System.out.flush();
        stopped.await();
        return 0;
    }

    static Server parse(String[] args) throws UnknownHostException {
        if (args.length == 0) {
            throw new IllegalArgumentException("name a model");
        }
        Model model = Model.byName(args[0]);
        InetAddress host = InetAddress.getLoopbackAddress();
        int port = 9527;
        Work work = Work.NONE;
        Limits limits = Limits.DEFAULT;
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options come as --name value, not: " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--host" -> host = InetAddress.getByName(value);
                case "--port" -> port = parsePort(value);
                case "--work" -> work = Work.parse(value);
                case "--request-timeout" -> limits = limits.withRequestTimeout(parseTimeout(value));
                default -> options.put(flag.substring(2), value);
            }
        }
        return model.create(new ServerConfig(host, port, limits, work, options));
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be 0 to 65535, not: " + value);
    }

    private static Duration parseTimeout(String value) {
        Duration duration = Work.parseDuration(value);
        if (duration == null || duration.isZero()) {
            throw new IllegalArgumentException("--request-timeout must be a duration such as 10s or 500ms, not: " + value);
        }
        return duration;
    }

    private static String hostForUrl(String[] args) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals("--host")) {
                return args[i + 1];
            }
        }
        return "127.0.0.1";
    }
}
