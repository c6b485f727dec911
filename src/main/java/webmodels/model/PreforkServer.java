package webmodels.model;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code prefork}: the seed's prefork server. N worker processes, started before the first request,
 * each a JVM running the {@code blocking} server's loop ({@link PreforkChild}) on the same port.
 * The seed's children inherit one listening socket across fork; a JVM cannot fork, so each worker
 * binds its own listener with SO_REUSEPORT and the kernel spreads new connections over them.
 *
 * <pre>
 *   [parent]   start N JVMs, wait for each READY line, then only waits (and stops them on close)
 *   [worker k] accept -> read -> handle -> write -> close -> accept -> ...   (own listener, shared port)
 * </pre>
 *
 * Option {@code processes} (default: the number of cores). Each worker serves one connection at a
 * time with {@code Connection: close}, like {@code blocking}: N workers serve N clients at once.
 * With port 0 the first worker picks the port and the others join it. The workers live as long as
 * the server, so they run with this JVM's JIT and GC settings, not the fast-start flags of
 * process-per-request's one-request children.
 */
public final class PreforkServer implements Server {

    public static final String NAME = "prefork";

    /** How long the workers together may take to start before {@link #start()} gives up. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ServerConfig config;
    private final int processes;
    private final List<ReadyChild> workers = new ArrayList<>();
    private volatile int port = -1;
    private volatile boolean closed;

    public PreforkServer(ServerConfig config) {
        config.requireOnly(NAME, Set.of("processes"));
        this.config = config;
        this.processes = config.intOption("processes", Runtime.getRuntime().availableProcessors(), 1, 1024);
    }

    @Override
    public synchronized void start() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            int shared = config.port();
            if (shared == 0) {
                shared = awaitReady(launch(0), deadline); // the first worker picks the port, the others join it
            }
            while (workers.size() < processes) {
                launch(shared);
            }
            for (ReadyChild worker : workers) {
                int bound = awaitReady(worker, deadline);
                if (bound != shared) {
                    throw new IOException("prefork worker pid " + worker.process.pid() + " listens on port " + bound + ", not " + shared);
                }
            }
            port = shared;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static int awaitReady(ReadyChild worker, long deadline) throws IOException {
        try {
            return worker.awaitReady(deadline);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + " (workers have " + READY_TIMEOUT.toSeconds() + " s to start)", e);
        }
    }

    /** The pids of the worker processes, for tests and tools that watch them. */
    public synchronized List<Long> workerPids() {
        return workers.stream().map(worker -> worker.process.pid()).toList();
    }

    @Override
    public int port() {
        return port;
    }

    private ReadyChild launch(int listenPort) throws IOException {
        if (closed) {
            throw new IOException("prefork server is closed");
        }
        // The worker's server takes no options: processes is the parent's.
        List<String> command = ChildJvm.longLivedCommand(PreforkChild.class, ChildJvm.configArgs(config.withOptions(Map.of()), listenPort));
        ReadyChild worker = ReadyChild.start(command, NAME + " worker", false);
        Process process = worker.process;
        workers.add(worker);
        process.onExit().thenRun(() -> {
            if (!closed && port >= 0) { // a worker lost while serving: fewer workers now, say so
                System.err.println("prefork: worker pid " + process.pid() + " exited with code " + process.exitValue()
                        + worker.stderrSuffix());
            }
        });
        return worker;
    }

    @Override
    public void close() {
        List<ReadyChild> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = List.copyOf(workers);
        }
        ChildJvm.stopAll(stopping.stream().map(worker -> worker.process).toList());
        for (ReadyChild worker : stopping) {
            worker.release();
        }
    }
}
