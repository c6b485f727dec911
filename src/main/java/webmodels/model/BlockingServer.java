package webmodels.model;

import java.net.Socket;
import java.util.Set;

/**
 * {@code blocking}: the seed's first server. One thread accepts a connection, reads the request,
 * writes the response and closes, then accepts the next one.
 *
 * <pre>
 *   [thread] accept -> read -> handle -> write -> close -> accept -> ...
 * </pre>
 *
 * It answers with {@code Connection: close}, as the seed's does: one thread that kept a
 * connection open would wait on that client's next request and starve every other client.
 * While it reads a slow client, nobody else is served (the request timeout bounds that).
 */
public final class BlockingServer extends AcceptingServer {

    public static final String NAME = "blocking";

    public BlockingServer(ServerConfig config) {
        super(NAME, config, true);
        config.requireOnly(NAME, Set.of());
    }

    @Override
    void dispatch(Socket socket) {
        serve(socket); // on the acceptor thread itself: that is the model
    }

    @Override
    void stopWorkers() {
        // the acceptor was the only thread
    }
}
