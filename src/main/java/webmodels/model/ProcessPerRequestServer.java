package webmodels.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import webmodels.http.Response;
import webmodels.http.Status;

/**
 * {@code process-per-request}: the seed's multi-process server, as CGI and inetd servers work. The
 * parent accepts; every connection is served by a new OS process, a fresh JVM running
 * {@link ProcessPerRequestChild}, which answers one request with {@code Connection: close} and exits.
 *
 * <pre>
 *   [parent acceptor] accept -> start JVM ----> [child JVM] read stdin -> handle -> write stdout -> exit
 *   [parent relay n]  socket -> child stdin,  child stdout -> socket, close socket, wait for the child
 * </pre>
 *
 * A JVM cannot hand a socket to a process it starts, so the parent relays the bytes over the
 * child's standard input and output on two virtual threads. The request timeout is the child's
 * (so a half-sent request gets its 408 from the shared codec); the parent only kills a child that
 * outlives it by {@link #CHILD_ALLOWANCE}.
 *
 * <p>Option {@code max-children} (default 64) bounds the children alive at once: beyond it, and
 * when a child cannot be started, the connection gets 503 and is closed, counted by
 * {@link #refusedConnections()}.
 */
public final class ProcessPerRequestServer extends AcceptingServer {

    public static final String NAME = "process-per-request";

    /** Beyond the request timeout, how long a child may take to start and answer before it is killed. */
    static final Duration CHILD_ALLOWANCE = Duration.ofSeconds(30);

    /** After the answer, how long the client's remaining bytes are read away before the socket closes. */
    private static final Duration LINGER = Duration.ofMillis(200);

    private final List<String> childCommand;
    private final Semaphore slots;
    private final Set<Process> children = ConcurrentHashMap.newKeySet();
    private final Set<Thread> relays = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final Thread.Builder relayThreads = Thread.ofVirtual().name(NAME + "-", 1);
    private final ScheduledThreadPoolExecutor overdueKiller;
    private volatile boolean stopping;

    public ProcessPerRequestServer(ServerConfig config) {
        super(NAME, config, true);
        config.requireOnly(NAME, Set.of("max-children"));
        slots = new Semaphore(config.intOption("max-children", 64, 1, 10_000));
        childCommand = ChildJvm.command(ProcessPerRequestChild.class, ChildJvm.configArgs(config.withOptions(Map.of()), 0)); // max-children is the parent's
        overdueKiller = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, NAME + "-overdue-killer");
            thread.setDaemon(true);
            return thread;
        });
        overdueKiller.setRemoveOnCancelPolicy(true);
    }

    /** Connections answered 503 because {@code max-children} were busy or a child could not be started. */
    public long refusedConnections() {
        return refused.get();
    }

    @Override
    void dispatch(Socket socket) {
        boolean admitted = slots.tryAcquire(); // here, in accept order, so that the first comers get the children
        Thread relay = relayThreads.unstarted(() -> {
            try {
                if (admitted) {
                    serveInChild(socket);
                } else {
                    refuse(socket);
                }
            } finally {
                relays.remove(Thread.currentThread());
            }
        });
        relays.add(relay);
        relay.start();
    }

    /** Serves {@code socket} through a new child, which holds one of the slots until it has exited. */
    private void serveInChild(Socket socket) {
        Process child;
        try {
            child = new ProcessBuilder(childCommand).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            slots.release();
            refuse(socket); // e.g. out of processes or memory: say so rather than drop the client
            return;
        }
        children.add(child);
        if (stopping) { // close() may have swept the children before this one joined them
            child.destroyForcibly();
        }
        Future<?> overdue = scheduleKill(child);
        // A builder of its own: Thread.Builder is not thread-safe, and this runs on many relay threads.
        Thread request = Thread.ofVirtual().name(NAME + "-request-relay").start(() -> relayRequest(socket, child.getOutputStream()));
        boolean answered = false;
        try {
            child.getInputStream().transferTo(socket.getOutputStream());
            socket.shutdownOutput(); // Connection: close, so the end of the child's output is the end of the answer
            answered = true;
        } catch (IOException e) {
            release(socket); // the client is gone; closing also ends the request relay, so the child reads EOF
        } finally {
            overdue.cancel(false);
            reap(child);
            slots.release();
        }
        try {
            if (answered) {
                // Closing with unread input would reset the connection and could destroy the answer:
                // let the request relay read away what the client still sends, briefly.
                request.join(LINGER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            release(socket); // also ends the request relay's read
        }
    }

    /** Client to child: the request bytes; once the child is gone, what the client sends is read and dropped. */
    private static void relayRequest(Socket socket, OutputStream childInput) {
        byte[] buffer = new byte[8192];
        boolean childReading = true;
        try {
            InputStream fromClient = socket.getInputStream();
            int n;
            while ((n = fromClient.read(buffer)) >= 0) {
                if (childReading) {
                    try {
                        childInput.write(buffer, 0, n);
                        childInput.flush();
                    } catch (IOException e) {
                        childReading = false; // the child answered and exited: keep reading away
                    }
                }
            }
        } catch (IOException e) {
            // the socket was closed: the connection is over
        } finally {
            Closing.quietly(childInput); // end of the request stream: the child sees EOF
        }
    }

    private Future<?> scheduleKill(Process child) {
        long allowed = config.limits().requestTimeout().plus(CHILD_ALLOWANCE).toNanos();
        try {
            return overdueKiller.schedule(child::destroyForcibly, allowed, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // stopping: the child is being killed already
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Waits for the child to exit (it does, once it has answered), killing it after a grace period. */
    private void reap(Process child) {
        if (!ChildJvm.waitUntil(child, System.nanoTime() + ChildJvm.STOP_GRACE.toNanos())) {
            child.destroyForcibly();
            ChildJvm.waitUntil(child, Long.MAX_VALUE);
        }
        Closing.quietly(child.getInputStream());
        Closing.quietly(child.getOutputStream());
        children.remove(child);
    }

    /** No child for this connection: say so with 503 instead of leaving the client to time out. */
    private void refuse(Socket socket) {
        refused.incrementAndGet();
        try {
            socket.getOutputStream().write(Response.error(Status.SERVICE_UNAVAILABLE).bytes(false, Response.Framing.CLOSE));
            socket.shutdownOutput();
            readAway(socket); // the unread request would otherwise turn the close into a reset that can destroy the 503
        } catch (IOException e) {
            // the client is gone already
        } finally {
            release(socket);
        }
    }

    private static void readAway(Socket socket) throws IOException {
        socket.setSoTimeout((int) LINGER.toMillis());
        byte[] discard = new byte[4096];
        long until = System.nanoTime() + LINGER.toNanos();
        try {
            while (System.nanoTime() < until && socket.getInputStream().read(discard) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            // the client keeps the connection open: close it anyway
        }
    }

    @Override
    void stopWorkers() {
        stopping = true;
        overdueKiller.shutdownNow();
        ChildJvm.stopAll(List.copyOf(children));
        for (Thread relay : relays) {
            Closing.join(relay); // each waits for its own child, so none outlives this
        }
        ChildJvm.stopAll(List.copyOf(children)); // in case a relay was too slow to join
    }
}
