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
 * The part the blocking-socket models share: one acceptor thread on a {@link ServerSocket}, and
 * the bookkeeping that lets {@link #close()} end every open connection. Subclasses decide only
 * which thread serves an accepted connection.
 */
abstract class AcceptingServer implements Server {

    static final int BACKLOG = 1024;

    final ServerConfig config;
    final BlockingConnection connection;
    private final String name;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread acceptor;
    private volatile boolean closed;
    private boolean reusePort;

    AcceptingServer(String name, ServerConfig config, boolean closeAfterEachResponse) {
        this.name = name;
        this.config = config;
        this.connection = new BlockingConnection(config.handler(), config.limits(), closeAfterEachResponse);
    }

    /** Before {@link #start()}: let other processes listen on the same port (SO_REUSEPORT), as prefork's children do. */
    final void reusePort(boolean on) {
        reusePort = on;
    }

    @Override
    public void start() throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        if (reusePort) {
            listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        listener.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
        acceptor = new Thread(this::acceptLoop, name + "-acceptor");
        acceptor.start();
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. EMFILE when out of descriptors: keep serving the connections we have
            }
            openSockets.add(socket);
            if (closed) { // close() may have swept the set before this socket joined it
                closeQuietly(socket);
                return;
            }
            try {
                dispatch(socket);
            } catch (RuntimeException e) {
                release(socket);
            }
        }
    }

    /** Serves {@code socket} on some thread; that thread must call {@link #serve(Socket)}. */
    abstract void dispatch(Socket socket);

    /** Serves one connection to its end, then forgets it. */
    final void serve(Socket socket) {
        try {
            connection.serve(socket);
        } finally {
            release(socket);
        }
    }

    final void release(Socket socket) {
        openSockets.remove(socket);
        closeQuietly(socket);
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            closeQuietly(listener);
        }
        // Before the join: the acceptor may itself be reading a connection (blocking does), and
        // would otherwise hold close() until that client spoke or timed out.
        closeOpenSockets();
        if (acceptor != null) {
            joinQuietly(acceptor);
        }
        closeOpenSockets(); // any the acceptor took in while it stopped
        stopWorkers();
    }

    private void closeOpenSockets() {
        for (Socket socket : openSockets) {
            closeQuietly(socket); // unblocks the thread reading it
        }
    }

    /** Stops and joins the threads that served connections; every socket is closed by then. */
    abstract void stopWorkers();

    static void joinQuietly(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing for cleanup: nothing more to do with this resource
        }
    }
}
