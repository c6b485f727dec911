package webmodels.model;

import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import webmodels.http.WriteTimer;

/**
 * Bounds the blocking models' writes by the request deadline. A blocking socket's write has no
 * timeout, so one thread looks, every {@link #CHECK_INTERVAL_MILLIS}, at the connections in the
 * middle of a write and closes those past their deadline: the close ends the blocked write with
 * an exception, and the serving thread goes on to the next connection. Without it, a client that
 * pipelines requests and never reads would hold its thread (a pool's worker, say) for good.
 *
 * <p>The serving thread pays two volatile writes per response; the watchdog reads only the
 * connections that are open.
 */
final class WriteWatchdog {

    /** How often the watchdog looks: a write is closed at most this long after its deadline. */
    static final long CHECK_INTERVAL_MILLIS = 50;

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    /** Builds the watchdog; its thread, named {@code threadName}, runs from {@link #start()} to {@link #close()}. */
    WriteWatchdog(String threadName) {
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true); // close() ends it; a server never closed must not keep the JVM alive for it
    }

    void start() {
        thread.start();
    }

    /** Starts watching {@code socket}'s writes; {@link Watched#close()} stops it, when the connection ends. */
    Watched watch(Socket socket) {
        Watched connection = new Watched(socket);
        watched.add(connection);
        return connection;
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(CHECK_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return; // close() interrupts to end the sleep
            }
            long now = System.nanoTime();
            for (Watched connection : watched) {
                if (connection.writing && now - connection.deadline >= 0) {
                    Closing.quietly(connection.socket); // ends the blocked write: the client has not read in time
                }
            }
        }
    }

    /** Stops the thread and waits for it; the connections are the server's to close. */
    void close() {
        closed = true;
        if (thread.isAlive()) {
            thread.interrupt();
            Closing.join(thread);
        }
    }

    /** One connection's writes, as its serving thread reports them. */
    final class Watched implements WriteTimer, AutoCloseable {
        private final Socket socket;
        private volatile long deadline;
        private volatile boolean writing;

        private Watched(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void writing(long deadlineNanos) {
            deadline = deadlineNanos; // before the flag: the watchdog reads the flag first
            writing = true;
        }

        @Override
        public void written() {
            writing = false;
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
