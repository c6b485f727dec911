package webmodels.bench;

import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import webmodels.load.RawClient;
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
    private ClientPair clients;

    @Setup(Level.Trial)
    public void setUp(ServerUnderTest server) {
        this.server = server;
        this.clients = new ClientPair(keepAlive -> new RawHttpClient(server.address(), keepAlive, HelloClient.DEFAULT_TIMEOUT));
    }

    /**
     * One {@code GET /} over this thread's persistent connection ({@code keepAlive}), or over a new
     * connection with {@code Connection: close}.
     *
     * @return true for {@code 200 Hello World}; otherwise the failure is counted by kind
     */
    boolean get(boolean keepAlive, RequestCounters counters) throws IOException {
        return count(clients.get(keepAlive), counters, server);
    }

    /**
     * One request of any raw client, counted: the request, its failure by kind (noted with the
     * server for the trial's failure report), the connections it opened.
     *
     * @return true for {@code 200 Hello World}
     */
    static boolean count(RawClient client, RequestCounters counters, ServerUnderTest server) {
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

    @TearDown(Level.Trial)
    public void close() {
        clients.close();
    }
}
