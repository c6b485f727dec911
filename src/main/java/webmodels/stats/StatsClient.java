package webmodels.stats;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads a server's {@link ServerStats} from its stats port ({@code serve --stats-port}), with a bounded wait. */
public final class StatsClient {

    /** How long connecting, and then reading the answer, may each take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final int MAX_BYTES = 1 << 20;

    private final InetSocketAddress address;

    public StatsClient(InetSocketAddress address) {
        this.address = address;
    }

    public InetSocketAddress address() {
        return address;
    }

    /**
     * Asks for the stats now.
     *
     * @throws IOException naming the stats address and what was found there: nothing listening, no
     *                     answer in time, an HTTP error, or an answer that is not webmodels stats
     */
    public ServerStats read() throws IOException {
        String where = "stats port " + text(address);
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create("http://" + text(address) + "/").toURL().openConnection();
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": not a host and port (" + e.getMessage() + ")", e);
        }
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        connection.setUseCaches(false);
        try {
            int status = connection.getResponseCode();
            if (status == -1) {
                throw new IOException(where + " answered something that is not HTTP");
            }
            if (status != 200) {
                throw new IOException(where + " answered HTTP " + status + ", not 200 with stats");
            }
            String body;
            try (InputStream in = connection.getInputStream()) {
                body = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
            }
            try {
                return ServerStats.fromJson(body);
            } catch (IllegalArgumentException e) {
                throw new IOException(where + " answered " + e.getMessage() + ": " + excerpt(body), e);
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IOException(where + ": " + e.getClass().getSimpleName() + " " + e.getMessage()
                    + " (is serve running with --stats-port there?)", e);
        } finally {
            connection.disconnect();
        }
    }

    static String text(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
