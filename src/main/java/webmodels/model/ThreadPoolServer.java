package webmodels.model;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import webmodels.http.Response;
import webmodels.http.Status;

/**
 * {@code thread-pool}: the seed's thread pool. One acceptor thread puts accepted connections on a
 * bounded queue; a fixed pool of workers takes them and serves each until it closes (keep-alive).
 *
 * <pre>
 *   [acceptor] accept -> queue.put ----> [worker 1..N] take -> read -> handle -> write -> ... -> close
 * </pre>
 *
 * Options: {@code workers} (default 8, the seed's), {@code queue} (default 1024). A worker is held
 * for the life of a connection, so at most {@code workers} keep-alive clients are served at once;
 * the next ones wait in the queue. When the queue is full, the connection gets 503 and is closed.
 */
public final class ThreadPoolServer extends AcceptingServer {

    public static final String NAME = "thread-pool";

    private final ThreadPoolExecutor pool;

    public ThreadPoolServer(ServerConfig config) {
        super(NAME, config, false);
        config.requireOnly(NAME, Set.of("workers", "queue"));
        int workers = config.intOption("workers", 8, 1, 10_000);
        int queue = config.intOption("queue", 1024, 1, 1_000_000);
        AtomicInteger ids = new AtomicInteger();
        pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                task -> new Thread(task, NAME + "-worker-" + ids.incrementAndGet()));
    }

    /** The workers wait for connections from the start, as the seed's do: the first clients do not pay for a thread's start. */
    @Override
    void startWorkers() {
        pool.prestartAllCoreThreads();
    }

    @Override
    void dispatch(Socket socket) {
        try {
            pool.execute(() -> serve(socket));
        } catch (RejectedExecutionException e) {
            refuse(socket);
        }
    }

    /** The queue is full: say so with 503 instead of leaving the client to time out. */
    private void refuse(Socket socket) {
        try {
            socket.getOutputStream().write(Response.error(Status.SERVICE_UNAVAILABLE).bytes(false, Response.Framing.CLOSE));
        } catch (IOException e) {
            // the client is gone already
        } finally {
            release(socket);
        }
    }

    @Override
    void stopWorkers() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
