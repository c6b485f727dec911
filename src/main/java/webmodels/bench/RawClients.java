package webmodels.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import webmodels.load.RawHttpClient;
import webmodels.load.RequestFailedException;

/**
 * One JMH thread's lean raw-socket clients ({@link RawHttpClient}: one blocking socket, a request
 * encoded once, no allocation per keep-alive request), so that the client's own cost stays small
 * beside the server's. Each is made on the thread's first request of its kind and closed when the
 * trial ends. Every request is counted in the thread's {@link RequestCounters}, never thrown.
 */
@State(Scope.Thread)
public class RawClients {

    private ServerUnderTest server;
    private RawHttpClient keepAlive;
    private RawHttpClient closing;

    @Setup(Level.Trial)
    public void setUp(ServerUnderTest server) {
        this.server = server;
    }

    /**
     * One {@code GET /} over this thread's persistent connection ({@code keepAlive}), or over a new
     * connection with {@code Connection: close}.
     *
     * @return true for {@code 200 Hello World}; otherwise the failure is counted by kind
     */
    boolean get(boolean keepAlive, RequestCounters counters) {
        RawHttpClient client = keepAlive ? keepAliveClient() : closingClient();
        counters.requests++;
        long opened = client.connectionsOpened();
        try {
            client.get();
            return true;
        } catch (RequestFailedException e) {
            counters.countFailure(e.failure());
            server.noteRawFailure(e);
            return false;
        } finally {
            counters.connectionsOpened += client.connectionsOpened() - opened;
        }
    }

    private RawHttpClient keepAliveClient() {
        if (keepAlive == null) {
            keepAlive = new RawHttpClient(server.address(), true, HelloClient.DEFAULT_TIMEOUT);
        }
        return keepAlive;
    }

    private RawHttpClient closingClient() {
        if (closing == null) {
            closing = new RawHttpClient(server.address(), false, HelloClient.DEFAULT_TIMEOUT);
        }
        return closing;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (closing != null) {
            closing.close();
        }
    }
}
