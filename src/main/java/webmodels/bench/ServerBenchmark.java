package webmodels.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import webmodels.http.Limits;
import webmodels.http.Work;
import webmodels.load.Targets;
import webmodels.model.CpuList;
import webmodels.model.ForkedServer;
import webmodels.model.Model;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

/**
 * Requests per second and latency of one concurrency model: JMH's threads send {@code GET /} with
 * Apache HttpClient 5 to the model's server on 127.0.0.1 (or, with {@code -p target=HOST:PORT},
 * to one already running on another host: {@link RemoteServer}), and each operation is one request,
 * answered {@code Hello World}. One subclass per model ({@code webmodels.bench.models}) names the
 * model and turns its {@code @Param} knobs into the model's options.
 *
 * <p>Three clients: {@code keepAlive} and {@code closePerRequest} use HttpClient 5, a client as
 * applications use it; {@code rawKeepAlive} and {@code rawClosePerRequest} the lean raw-socket
 * client of {@link RawClients}, so that less of the machine goes to the client. Each runs in two
 * modes: Throughput (ops/ms, no timing per call) and SampleTime (the latency distribution: p50,
 * p90, p99, p99.9, max), told apart by {@code mode} in the JSON. {@code selectorKeepAlive} and
 * {@code selectorClosePerRequest} keep several requests in flight from one thread
 * ({@link SelectorClients}, the shape of wrk and ab), Throughput only: the least client cost. {@code openLoop} instead sends at
 * a fixed rate and measures latency from each request's intended send time ({@link OpenLoopLoad},
 * {@link OpenLoopProfiler}). A failed request is not thrown: it is counted in
 * {@link RequestCounters}, JMH's secondary results beside each score, and the benchmark goes on.
 * Every result also carries the server's and the client's CPU time ({@code serverCpuNanos},
 * {@code clientCpuNanos}, over the same span as {@code requests}): divided by {@code requests},
 * each side's CPU time per request, which tells whether a run measured the server or the client.
 *
 * <p>How to run, from the project directory:
 * <pre>
 *   ./run-bench.sh quick                       # every model, every client, short: a look; JSON in jmh-results/
 *   ./run-bench.sh full                        # the settings written here: publishable
 *   mvn package &amp;&amp; java -jar target/benchmarks.jar         # the same as full, without the machine facts
 *   java -jar target/benchmarks.jar -lp       # every benchmark and its parameters
 *   java -jar target/benchmarks.jar 'ReactorBenchmark.keepAlive' -p fork=true -p idleConnections=5000 -prof webmodels.bench.FootprintProfiler
 *   java -jar target/benchmarks.jar 'ReactorBenchmark.keepAlive' -p work=cpu:50us,sleep:1ms -t 16
 *   java -jar target/benchmarks.jar 'ReactorBenchmark.raw'                 # the raw-socket client only
 *   java -jar target/benchmarks.jar 'ReactorBenchmark.openLoop' -p rate=1000,4000,16000 -p connections=8
 *   java -jar target/benchmarks.jar 'ReactorBenchmark.selectorKeepAlive' -p fork=true -p serverCpus=0   # client: taskset -c 1
 *   java -jar target/benchmarks.jar 'ReactorBenchmark.selectorKeepAlive' -p target=10.0.0.1:9527   # serve reactor --stats-port 9528 there
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(8)
public abstract class ServerBenchmark {

    /** A knob's {@code @Param} value meaning "pass nothing": the model's own default applies (e.g. loops = cores). */
    public static final String MODEL_DEFAULT = "default";

    /** What the handler does before answering: none, cpu:DURATION or sleep:DURATION. */
    @Param("none")
    public String work = "none";

    /**
     * Long-lived idle keep-alive connections held open to the server through the whole trial, each
     * answered once ({@link IdleLoad}); 0 for none. When above 0, the server's request timeout is
     * {@link IdleLoad#REQUEST_TIMEOUT} (10 min) instead of 10 s, so that silence does not close them.
     * In one JVM, server and client spend a descriptor each per connection: at most about 9,900
     * with 20000 open files; with {@code fork=true} about 19,000.
     */
    @Param("0")
    public int idleConnections = 0;

    /** True: the server runs in a JVM of its own ({@link ForkedServer}), away from the client's garbage, JIT and descriptors. */
    @Param("false")
    public boolean fork = false;

    /**
     * With {@code fork=true}: the CPUs the forked server is pinned to ({@code taskset -c}), e.g.
     * {@code 0}, beside a client pinned elsewhere ({@code run-bench.sh --client-cpus 1}); empty: not pinned.
     */
    @Param("")
    public String serverCpus = "";

    /**
     * {@code HOST:PORT} of a server already running on another host or in another network namespace
     * ({@code serve MODEL --stats-port P}), loopback or private addresses only; empty: the benchmark
     * starts its own server on 127.0.0.1. See {@link RemoteServer}.
     */
    @Param("")
    public String target = "";

    /** {@code HOST:PORT} of the target's stats port; empty: the target's host and port + 1. */
    @Param("")
    public String targetStats = "";

    private final String modelName;
    private IdleLoad idleLoad;
    private Server server;
    private HelloClient client;
    private InetSocketAddress address;
    private ServerCpu serverCpu;

    protected ServerBenchmark(String modelName) {
        this.modelName = modelName;
    }

    /** The model's options from its {@code @Param} knobs; see {@link #options(String...)}. */
    protected abstract Map<String, String> options();

    /** Options from name, value pairs, leaving out the values that are {@link #MODEL_DEFAULT}. */
    protected static Map<String, String> options(String... namesAndValues) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.equals(MODEL_DEFAULT)) {
                options.put(namesAndValues[i], value);
            }
        }
        return options;
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        start(params.getThreads());
    }

    /**
     * Starts the server on a free port (in its own JVM with {@code fork}, pinned with
     * {@code serverCpus}), or checks the one at {@code target}; opens the idle connections if any,
     * and a client with one connection per thread. JMH does not tear down a trial whose setup
     * failed: if anything fails once the server has started, this closes what it opened, the
     * server last, before it passes the failure on.
     */
    public void start(int clientThreads) throws IOException {
        Limits limits = idleConnections > 0 ? Limits.DEFAULT.withRequestTimeout(IdleLoad.REQUEST_TIMEOUT) : Limits.DEFAULT;
        ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, limits, Work.parse(work), options());
        server = target.isEmpty() ? ownServer(config) : remoteServer(config);
        server.start(); // a failed start closes what it opened (Server's rules)
        try {
            openClients(clientThreads);
        } catch (IOException | RuntimeException | Error e) {
            try {
                tearDown();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed); // the setup's failure is the one to report
            }
            throw e;
        }
    }

    /** Once the server runs: the idle connections if any, the client, and the server's CPU clocks. */
    void openClients(int clientThreads) throws IOException {
        address = server instanceof RemoteServer remote ? remote.target()
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        if (idleConnections > 0) {
            idleLoad = IdleLoad.open(address, idleConnections,
                    FootprintProfiler.footprintOf(server));
        }
        FootprintProfiler.trialStarted(server, idleLoad);
        client = new HelloClient(address, clientThreads, HelloClient.DEFAULT_TIMEOUT);
        serverCpu = new ServerCpu(modelName, server);
    }

    /**
     * The server this benchmark starts itself: the model's, in this JVM or (with {@code fork}) in a
     * JVM of its own, pinned with {@code serverCpus}. The reference, {@code c-epoll}, starts its own.
     */
    protected Server ownServer(ServerConfig config) {
        Model model = Model.byName(modelName);
        if (serverCpus.isEmpty()) {
            return fork ? new ForkedServer(model, config, List.of()) : model.create(config);
        }
        if (!fork) {
            throw new IllegalArgumentException("serverCpus=" + serverCpus + " pins a server in a JVM of its own: add -p fork=true");
        }
        return new ForkedServer(model, config, List.of(), CpuList.parse(serverCpus));
    }

    private RemoteServer remoteServer(ServerConfig config) {
        if (fork || !serverCpus.isEmpty()) {
            throw new IllegalArgumentException("target=" + target + " drives a server already running: fork=" + fork
                    + " and serverCpus=" + serverCpus + " would start or pin one here (pin the remote one with taskset where it runs)");
        }
        InetSocketAddress targetAddress = Targets.parse(target, "target=" + target);
        InetSocketAddress statsAddress = targetStats.isEmpty()
                ? new InetSocketAddress(targetAddress.getAddress(), targetAddress.getPort() + 1)
                : Targets.parse(targetStats, "targetStats=" + targetStats);
        return new RemoteServer(benchmarkClass().getSimpleName(), modelName, targetAddress, statsAddress, config,
                ParamDefaults.options(this));
    }

    /** The benchmark class as written, not the subclass JMH generates for it ({@code ..._jmhType}). */
    Class<? extends ServerBenchmark> benchmarkClass() {
        Class<?> type = getClass();
        while (type.getSimpleName().contains("_jmhType") && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        return type.asSubclass(ServerBenchmark.class);
    }

    /** Lets the other states ({@link RequestCounters}, {@link RawClients}, {@link OpenLoopLoad}) reach the server. */
    @Setup(Level.Trial)
    public void shareServer(ServerUnderTest shared) {
        shared.set(this);
    }

    String modelName() {
        return modelName;
    }

    /** Where the server listens; valid after {@link #start}. */
    InetSocketAddress address() {
        return address;
    }

    /** The server's CPU clocks; valid after {@link #start}. */
    ServerCpu serverCpu() {
        return serverCpu;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (idleLoad != null) {
                System.err.println("[" + modelName + "] " + IdleLoad.describe(idleLoad.counts(), idleLoad.cost()));
                idleLoad.close();
            }
            if (client != null) {
                reportFailures(client);
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        if (server != null && server.failure().isPresent()) {
            // The server stopped serving on its own during the trial: its numbers are not the model's.
            throw new IllegalStateException(modelName + " failed during the trial", server.failure().get());
        }
    }

    /** At the end of each iteration, while the server is up, hands its footprint to {@link FootprintProfiler} when that runs. */
    @TearDown(Level.Iteration)
    public void recordFootprint() {
        if (FootprintProfiler.isRunning()) {
            FootprintProfiler.record(server, idleLoad);
        }
    }

    /** One request over the thread's persistent connection (HTTP/1.1 keep-alive), like {@code ab -k} or wrk. */
    @Benchmark
    public boolean keepAlive(RequestCounters counters) {
        return client.get(counters, true);
    }

    /** One request over a new TCP connection, closed after it ({@code Connection: close}), like {@code ab} without -k. */
    @Benchmark
    public boolean closePerRequest(RequestCounters counters) {
        return client.get(counters, false);
    }

    /** One request over the thread's persistent connection, with the lean raw-socket client ({@link RawClients}). */
    @Benchmark
    public boolean rawKeepAlive(RawClients clients, RequestCounters counters) throws IOException {
        return clients.get(true, counters);
    }

    /** One request over a new TCP connection ({@code Connection: close}), with the lean raw-socket client. */
    @Benchmark
    public boolean rawClosePerRequest(RawClients clients, RequestCounters counters) throws IOException {
        return clients.get(false, counters);
    }

    /**
     * The next response over {@code connections} keep-alive connections that one thread drives
     * through one selector ({@link SelectorClients}), as {@code wrk -t1 -c8} does: the client that
     * leaves the most of the machine to the server. Throughput only: one operation is the next of
     * several responses in flight, so its time is not a request's latency.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(1)
    public boolean selectorKeepAlive(SelectorClients clients, RequestCounters counters) throws IOException {
        return clients.next(true, counters);
    }

    /** As {@link #selectorKeepAlive}, with a new connection per request ({@code Connection: close}), as {@code ab -c 8} does. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(1)
    public boolean selectorClosePerRequest(SelectorClients clients, RequestCounters counters) throws IOException {
        return clients.next(false, counters);
    }

    /**
     * Requests at a constant rate whatever the server does (an open loop, see {@link OpenLoopLoad}),
     * one run per iteration, for the iteration time; latencies measured from each request's intended
     * send time, so a stall counts for every request it delays (no coordinated omission). The score
     * is only the run's length: the results are the secondary ones of {@link OpenLoopProfiler}.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Threads(1)
    public long openLoop(OpenLoopLoad load, RequestCounters counters) throws InterruptedException {
        return load.run(counters);
    }

    /** For tests that stop the server under the client. */
    Server server() {
        return server;
    }

    /** One line per kind of failure, so that a count in the results comes with its cause. */
    private void reportFailures(HelloClient client) {
        client.firstFailures().forEach((kind, detail) ->
                System.err.println("[" + modelName + "] first " + kind.name().toLowerCase(Locale.ROOT)
                        + " failure: " + detail));
    }
}
