package webmodels.bench;

import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import webmodels.load.SelectorClient;

/**
 * One JMH thread's event-driven clients ({@link SelectorClient}: one selector, {@code connections}
 * connections each with one request in flight, the shape of {@code wrk -t1 -cN} and of
 * {@code ab -c N}). Each is made on the thread's first request of its kind and closed when the
 * trial ends. Every response is counted in the thread's {@link RequestCounters}, never thrown.
 */
@State(Scope.Thread)
public class SelectorClients {

    /** Requests in flight at once from each JMH thread, each on its own connection. */
    @Param("8")
    public int connections;

    private ServerUnderTest server;
    private ClientPair clients;

    @Setup(Level.Trial)
    public void setUp(ServerUnderTest server) {
        this.server = server;
        this.clients = new ClientPair(keepAlive ->
                new SelectorClient(server.address(), connections, keepAlive, HelloClient.DEFAULT_TIMEOUT));
    }

    /**
     * The next response on any of this thread's keep-alive connections ({@code keepAlive}), or on
     * any of its connections opened for one request each.
     *
     * @return true for {@code 200 Hello World}; otherwise the failure is counted by kind
     */
    boolean next(boolean keepAlive, RequestCounters counters) throws IOException {
        return RawClients.count(clients.get(keepAlive), counters, server);
    }

    @TearDown(Level.Trial)
    public void close() {
        clients.close();
    }
}
