package webmodels.stats;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import webmodels.load.CpuMeter;
import webmodels.model.ServerConfig;

/**
 * The stats port of {@code serve --stats-port P}: {@code GET /} answers {@link ServerStats} as JSON,
 * so that a benchmark on another host can check which model it drives and read the server's CPU
 * time, threads and memory, as it reads them from {@code /proc} when the server is its own child.
 * Read-only: any other method gets 405, any other path 404, and nothing changes.
 *
 * <p>It runs beside the model, on the same address, with one thread of its own ({@code stats-http}),
 * which the server's CPU time includes: a benchmark reads it only between iterations.
 * It uses the JDK's small HTTP server: the stats port is not what is measured.
 */
public final class StatsEndpoint implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService thread;

    private StatsEndpoint(HttpServer http, ExecutorService thread) {
        this.http = http;
        this.thread = thread;
    }

    /**
     * Starts answering on {@code config.host()}:{@code statsPort} (0: any free port) for the server of
     * {@code model} that serves on {@code serverPort}.
     */
    public static StatsEndpoint start(String model, ServerConfig config, int serverPort, int statsPort) throws IOException {
        CpuMeter children = CpuMeter.descendants(ProcessHandle.current().pid());
        HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), statsPort), 16);
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "stats-http"));
        http.setExecutor(thread);
        http.createContext("/", exchange -> answer(exchange, () -> ServerStats.ofThisJvm(model, config, serverPort, children)));
        http.start();
        return new StatsEndpoint(http, thread);
    }

    /** The port it answers on. */
    public int port() {
        return http.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Supplier<ServerStats> stats) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, "text/plain", "404 Not Found: the stats are at GET /\n");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain", "405 Method Not Allowed: the stats port is read-only, GET / only\n");
            } else {
                send(exchange, 200, "application/json", stats.get().toJson() + "\n");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1); // a HEAD response has no body
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops answering and frees the port and the thread. */
    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }
}
