package webmodels.model;

import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code virtual-threads}: one virtual thread per connection, plain blocking code, as Project Loom
 * intends. A blocked read parks the virtual thread and frees its carrier (one per core by
 * default), so the code reads like thread-per-connection and scales like an event loop.
 *
 * <pre>
 *   [acceptor] accept -> Thread.ofVirtual().start ----> [virtual n] read -> handle -> write -> ... -> close
 *                                         (mounted on the carrier pool only while it runs)
 * </pre>
 */
public final class VirtualThreadsServer extends AcceptingServer {

    public static final String NAME = "virtual-threads";

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Thread.Builder builder = Thread.ofVirtual().name(NAME + "-", 1);

    public VirtualThreadsServer(ServerConfig config) {
        super(NAME, config, false);
        config.requireOnly(NAME, Set.of());
    }

    @Override
    void dispatch(Socket socket) {
        Thread thread = builder.unstarted(() -> {
            try {
                serve(socket);
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
    }

    @Override
    void stopWorkers() {
        for (Thread thread : threads) {
            Closing.join(thread);
        }
    }
}
