package webmodels.soak;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import webmodels.http.Limits;
import webmodels.model.ForkedServer;
import webmodels.model.Model;
import webmodels.model.ServerConfig;

/**
 * The soak of one model: its server in a JVM of its own (so that descriptors, threads and memory
 * are its alone, read from {@code /proc}), the clients that load it, and what they and the
 * samples saw.
 */
final class ModelSoak implements AutoCloseable {

    /**
     * The server JVM's flags: a fixed, pre-touched heap and the serial collector, and a fixed number
     * of JIT threads, so that the JVM's own threads and heap stay constant and what grows is the model's.
     */
    static final List<String> SERVER_JVM_FLAGS = List.of(
            "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-XX:-UseDynamicNumberOfCompilerThreads");

    /** The models that close every connection after one response, by design; every other keeps them alive. */
    static final java.util.Set<String> CLOSE_PER_REQUEST = java.util.Set.of("blocking", "prefork", "process-per-request");

    final Model model;
    final Tally tally = new Tally();
    /** Samples taken while the measured load ran. */
    final List<ProcessStats> samples = new CopyOnWriteArrayList<>();
    ProcessStats before;
    ProcessStats after;
    private final Duration requestTimeout;
    private final ForkedServer server;
    /** Whether the server still ran when the soak closed it: once closed, it is gone either way. */
    private boolean aliveAtClose;

    ModelSoak(Model model, Duration requestTimeout) {
        this.model = model;
        this.requestTimeout = requestTimeout;
        ServerConfig config = ServerConfig.loopback(0).withLimits(Limits.DEFAULT.withRequestTimeout(requestTimeout));
        this.server = new ForkedServer(model, config, SERVER_JVM_FLAGS);
    }

    void start() throws IOException {
        server.start();
    }

    /**
     * Starts the clients, one daemon thread each (a client stuck in a write must not keep the soak
     * alive), for one phase of load; a client waits twice the request timeout and 5 s at most for a read.
     */
    List<Thread> startLoad(long endNanos) {
        Duration clientTimeout = requestTimeout.multipliedBy(2).plusSeconds(5);
        boolean keepsAlive = !CLOSE_PER_REQUEST.contains(model.modelName);
        List<SoakClient> clients = new ArrayList<>(GoodClients.all(server.port(), keepsAlive, clientTimeout));
        clients.addAll(RudeClients.all(server.port(), clientTimeout));
        List<Thread> threads = new ArrayList<>();
        for (SoakClient client : clients) {
            threads.add(Thread.ofPlatform().daemon().name("soak-" + model.modelName + "-" + client.name)
                    .start(new Worker(client, tally, endNanos)));
        }
        return threads;
    }

    /** The server's descriptors, threads and memory now; all 0 once it has exited (which fails its soak). */
    ProcessStats stats() {
        return ProcessHandle.of(server.pid()).filter(ProcessHandle::isAlive).map(ProcessStats::of).orElse(new ProcessStats(0, 0, 0));
    }

    boolean serverAlive() {
        return ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    SoakResult result() {
        return new SoakResult(model.modelName, tally, before, after, List.copyOf(samples), aliveAtClose);
    }

    /** Stops the server; call once the load has ended. */
    @Override
    public void close() {
        aliveAtClose = serverAlive();
        server.close();
    }

    /** Runs one client in rounds until the end of the phase: bounded in time, and in count by its pace. */
    static final class Worker implements Runnable {
        private final SoakClient client;
        private final Tally tally;
        private final long endNanos;

        Worker(SoakClient client, Tally tally, long endNanos) {
            this.client = client;
            this.tally = tally;
            this.endNanos = endNanos;
        }

        @Override
        public void run() {
            long paceMillis = Math.max(1, client.pace.toMillis());
            long maxRounds = (endNanos - System.nanoTime()) / 1_000_000 / paceMillis + 1;
            try {
                for (long round = 0; round < maxRounds && System.nanoTime() < endNanos; round++) {
                    try {
                        client.iterate(tally);
                    } catch (IOException | SoakClient.WrongReply e) {
                        client.fail(tally, e);
                    } catch (RuntimeException e) {
                        // a reply this client cannot even parse (a bad number, say): counted, not lost
                        client.fail(tally, e);
                    }
                    Thread.sleep(paceMillis);
                }
            } catch (InterruptedException e) {
                // the soak is being stopped: end this client's rounds, counted as they are
                Thread.currentThread().interrupt();
            } finally {
                client.dropConnection();
            }
        }
    }
}
