package webmodels.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import webmodels.http.BlockingConnection;

/**
 * The part the blocking-socket models share: one acceptor thread on a {@link ServerSocket}
 * ({@link AcceptLoop}), a {@link WriteWatchdog} that bounds every write by the request deadline,
 * and the bookkeeping that lets {@link #close()} end every open connection. Subclasses decide only
 * which thread serves an accepted connection.
 */
abstract class AcceptingServer implements Server {

    static final int BACKLOG = 1024;

    final ServerConfig config;
    final BlockingConnection connection;
    private final String name;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final WriteWatchdog writeWatchdog;
    private ServerSocket listener;
    private Thread acceptor;
    private volatile boolean closed;
    private boolean reusePort;

    AcceptingServer(String name, ServerConfig config, boolean closeAfterEachResponse) {
        this.name = name;
        this.config = config;
        this.connection = new BlockingConnection(config.handler(), config.limits(), closeAfterEachResponse);
        this.writeWatchdog = new WriteWatchdog(name + "-write-watchdog");
    }

    /** Before {@link #start()}: let other processes listen on the same port (SO_REUSEPORT), as prefork's children do. */
    final void reusePort(boolean on) {
        reusePort = on;
    }

    @Override
    public final void start() throws IOException {
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            if (reusePort) {
                listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            listener.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
            startWorkers();
            writeWatchdog.start();
            acceptor = new Thread(new AcceptLoop<>(listener::accept, this::admit, () -> closed), name + "-acceptor");
            acceptor.start();
        } catch (IOException | RuntimeException e) {
            close(); // a failed start leaves nothing open
            throw e;
        }
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    private void admit(Socket socket) {
        openSockets.add(socket);
        if (closed) { // close() may have swept the set before this socket joined it
            release(socket);
            return;
        }
        try {
            dispatch(socket);
        } catch (RuntimeException e) {
            release(socket);
        }
    }

    /** Starts the threads that serve connections, if the model keeps any; called by {@link #start()}, before the first accept. */
    void startWorkers() {
        // most models start a thread per connection, in dispatch
    }

    /** Serves {@code socket} on some thread; that thread must call {@link #serve(Socket)}. */
    abstract void dispatch(Socket socket);

    /** Serves one connection to its end, its writes bounded by the request deadline, then forgets it. */
    final void serve(Socket socket) {
        try (WriteWatchdog.Watched writes = writeWatchdog.watch(socket)) {
            connection.serve(socket, writes);
        } finally {
            release(socket);
        }
    }

    final void release(Socket socket) {
        openSockets.remove(socket);
        Closing.quietly(socket);
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        Closing.quietly(listener);
        // Before the join: the acceptor may itself be reading a connection (blocking does), and
        // would otherwise hold close() until that client spoke or timed out.
        closeOpenSockets();
        if (acceptor != null) {
            Closing.join(acceptor);
        }
        closeOpenSockets(); // any the acceptor took in while it stopped
        stopWorkers();
        writeWatchdog.close();
    }

    private void closeOpenSockets() {
        for (Socket socket : openSockets) {
            Closing.quietly(socket); // unblocks the thread reading it
        }
    }

    /** Stops and joins the threads that served connections; every socket is closed by then. */
    abstract void stopWorkers();
}
