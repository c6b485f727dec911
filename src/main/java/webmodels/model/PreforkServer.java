package webmodels.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    private static final int STDERR_TAIL_CHARS = 4096;

    private final ServerConfig config;
    private final int processes;
    private final List<Worker> workers = new ArrayList<>();
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
                shared = launch(0).awaitReady(deadline); // the first worker picks the port, the others join it
            }
            while (workers.size() < processes) {
                launch(shared);
            }
            for (Worker worker : workers) {
                int bound = worker.awaitReady(deadline);
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

    /** The pids of the worker processes, for tests and tools that watch them. */
    public synchronized List<Long> workerPids() {
        return workers.stream().map(worker -> worker.process.pid()).toList();
    }

    @Override
    public int port() {
        return port;
    }

    private Worker launch(int listenPort) throws IOException {
        if (closed) {
            throw new IOException("prefork server is closed");
        }
        Process process = new ProcessBuilder(ChildJvm.longLivedCommand(PreforkChild.class, ChildJvm.configArgs(config, listenPort))).start();
        Worker worker = new Worker(process);
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
        List<Worker> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = List.copyOf(workers);
        }
        ChildJvm.stopAll(stopping.stream().map(worker -> worker.process).toList());
        for (Worker worker : stopping) {
            worker.release();
        }
    }

    /** One worker process, the thread that reads its readiness line and the one that keeps its stderr's tail. */
    private static final class Worker {
        final Process process;
        final CompletableFuture<Integer> ready = new CompletableFuture<>();
        private final StringBuilder stderrTail = new StringBuilder();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        Worker(Process process) {
            this.process = process;
            this.stdoutReader = daemon("prefork-stdout-" + process.pid(), this::readReadiness);
            this.stderrReader = daemon("prefork-stderr-" + process.pid(), this::keepStderrTail);
        }

        private static Thread daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true); // a pipe read cannot be interrupted; it ends when the worker does
            thread.start();
            return thread;
        }

        private void readReadiness() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line = out.readLine();
                if (line != null && line.startsWith(PreforkChild.READY + " ")) {
                    ready.complete(Integer.parseInt(line.substring(PreforkChild.READY.length() + 1).trim()));
                } else {
                    ready.completeExceptionally(new IOException(line == null ? "exited before it was ready" : "said '" + line + "' instead of " + PreforkChild.READY));
                }
                while (out.readLine() != null) {
                    // a worker prints nothing more; read on so that it could never block on a full pipe
                }
            } catch (IOException | NumberFormatException e) {
                ready.completeExceptionally(e);
            }
        }

        private void keepStderrTail() {
            char[] buffer = new char[1024];
            try (InputStreamReader err = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
                int n;
                while ((n = err.read(buffer)) >= 0) {
                    synchronized (stderrTail) {
                        stderrTail.append(buffer, 0, n);
                        if (stderrTail.length() > STDERR_TAIL_CHARS) {
                            stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_CHARS);
                        }
                    }
                }
            } catch (IOException e) {
                // the worker is gone: its tail is complete
            }
        }

        /** The port the worker reports, once it accepts; fails with what the worker wrote on stderr. */
        int awaitReady(long deadline) throws IOException {
            try {
                return ready.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new IOException("prefork worker pid " + process.pid() + " not ready within " + READY_TIMEOUT.toSeconds() + " s" + stderrSuffix());
            } catch (ExecutionException e) {
                settle();
                String exit = process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
                throw new IOException("prefork worker pid " + process.pid() + " failed to start: " + e.getCause().getMessage() + exit + stderrSuffix());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for prefork workers");
            }
        }

        /** Lets a failing worker finish exiting and writing its stderr, briefly, so that the error can quote it. */
        private void settle() {
            ChildJvm.waitUntil(process, System.nanoTime() + 2_000_000_000L);
            try {
                stderrReader.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String stderrSuffix() {
            synchronized (stderrTail) {
                String tail = stderrTail.toString().strip();
                return tail.isEmpty() ? "" : "; its stderr: " + tail;
            }
        }

        /** After the process has exited: closes its pipes and lets the reader threads end. */
        void release() {
            closeQuietly(process.getOutputStream());
            try {
                stdoutReader.join(Duration.ofSeconds(1));
                stderrReader.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing for cleanup: nothing more to do with this resource
            }
        }
    }
}
