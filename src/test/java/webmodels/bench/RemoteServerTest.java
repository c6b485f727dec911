package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import webmodels.bench.models.ReactorBenchmark;
import webmodels.model.Model;
import webmodels.model.Server;
import webmodels.model.ServerConfig;
import webmodels.stats.StatsEndpoint;

/** A benchmark against a server already running ({@code -p target}): it measures the right one, or refuses at setup. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteServerTest {

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
    }

    @Test
    void theBenchmarkMeasuresTheRunningServerAndReadsItsCpuAndFootprintFromItsStatsPort() throws RunnerException, IOException {
        Served served = serve(Model.REACTOR, ServerConfig.loopback(0));

        Collection<RunResult> runs = new Runner(TinyJmhRun.of("^webmodels\\.bench\\.models\\.ReactorBenchmark\\.selectorKeepAlive$")
                .param("target", "127.0.0.1:" + served.server().port())
                .param("targetStats", "127.0.0.1:" + served.stats().port())
                .addProfiler(FootprintProfiler.class)
                .build()).run();

        assertEquals(1, runs.size());
        RunResult run = runs.iterator().next();
        assertTrue(counter(run, "requests") > 0);
        assertEquals(0.0, counter(run, "failures"));
        assertTrue(counter(run, "serverCpuNanos") > 0, "the server's CPU time, from its stats port");
        assertTrue(counter(run, "serverThreads") > 1, "the server's footprint, named server*: " + run.getSecondaryResults().keySet());
        assertTrue(counter(run, "serverRssMiB") > 0);
    }

    @Test
    void aDifferentModelAtTheTargetIsRefusedNamingHostPortAndBothModels() throws IOException {
        Served served = serve(Model.THREAD_POOL, ServerConfig.loopback(0));
        ServerBenchmark bench = reactorAt(served.server().port(), served.stats().port());

        String message = assertThrows(IllegalStateException.class, () -> bench.start(1)).getMessage();

        assertTrue(message.contains("127.0.0.1:" + served.server().port()), message);
        assertTrue(message.contains("'thread-pool'") && message.contains("'reactor'") && message.contains("ReactorBenchmark"), message);
        bench.tearDown();
    }

    @Test
    void otherOptionsOrWorkAtTheTargetAreRefusedWithTheServeCommandThatWouldFit() throws IOException {
        Served served = serve(Model.REACTOR, ServerConfig.loopback(0).withOption("select", "busy-poll"));
        ServerBenchmark bench = reactorAt(served.server().port(), served.stats().port());

        String message = assertThrows(IllegalStateException.class, () -> bench.start(1)).getMessage();
        assertTrue(message.contains("select: busy-poll there, null here"), message);
        assertTrue(message.contains("serve reactor --host 127.0.0.1 --port " + served.server().port()), message);

        Served plain = serve(Model.REACTOR, ServerConfig.loopback(0));
        ServerBenchmark slower = reactorAt(plain.server().port(), plain.stats().port());
        slower.work = "cpu:50us";
        String work = assertThrows(IllegalStateException.class, () -> slower.start(1)).getMessage();
        assertTrue(work.contains("work none, but the benchmark asks for work=cpu:50us"), work);
    }

    @Test
    void anOptionTheServerWasNotGivenMatchesItsParamDefault() throws IOException {
        Served served = serve(Model.REACTOR, ServerConfig.loopback(0));
        ReactorBenchmark bench = reactorAt(served.server().port(), served.stats().port());
        bench.select = "block"; // the @Param default, which is the model's default
        bench.spins = "100";

        bench.start(1);
        assertEquals(served.server().port(), ((ServerBenchmark) bench).address().getPort());
        bench.tearDown();
    }

    @Test
    void aClosedStatsPortIsNamedWithWhatWasFound() throws IOException {
        Served served = serve(Model.REACTOR, ServerConfig.loopback(0));
        int closed = closedPort();
        ServerBenchmark bench = reactorAt(served.server().port(), closed);

        String message = assertThrows(IOException.class, () -> bench.start(1)).getMessage();

        assertTrue(message.startsWith("stats port 127.0.0.1:" + closed + ": ConnectException"), message);
    }

    @Test
    void aStatsPortAnsweringGarbageIsRefused() throws IOException {
        Served served = serve(Model.REACTOR, ServerConfig.loopback(0));
        int http = answerEveryConnection("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"UP\"}");
        int junk = answerEveryConnection("SSH-2.0-OpenSSH_9.2\r\n");

        String jsonOfAnother = assertThrows(IOException.class, () -> reactorAt(served.server().port(), http).start(1)).getMessage();
        assertTrue(jsonOfAnother.contains("stats port 127.0.0.1:" + http + " answered not webmodels stats JSON"), jsonOfAnother);
        assertTrue(jsonOfAnother.contains("{\"status\":\"UP\"}"), jsonOfAnother);

        String notHttp = assertThrows(IOException.class, () -> reactorAt(served.server().port(), junk).start(1)).getMessage();
        assertTrue(notHttp.startsWith("stats port 127.0.0.1:" + junk), notHttp);
    }

    @Test
    void anUnreachableTargetIsRefusedThoughItsStatsAnswer() throws IOException {
        Server server = Model.REACTOR.create(ServerConfig.loopback(0));
        server.start();
        StatsEndpoint stats = StatsEndpoint.start("reactor", ServerConfig.loopback(0), server.port(), 0);
        running.add(stats);
        server.close(); // the model is gone, its stats port still answers

        ServerBenchmark bench = reactorAt(server.port(), stats.port());
        String message = assertThrows(IOException.class, () -> bench.start(1)).getMessage();

        assertTrue(message.startsWith("target 127.0.0.1:" + server.port() + " does not accept connections"), message);
        assertTrue(message.contains("stats port 127.0.0.1:" + stats.port()), message);
    }

    @Test
    void statsOfAnotherPortThanTheTargetAreRefused() throws IOException {
        Served served = serve(Model.REACTOR, ServerConfig.loopback(0));
        Served other = serve(Model.REACTOR, ServerConfig.loopback(0));

        String message = assertThrows(IllegalStateException.class,
                () -> reactorAt(served.server().port(), other.stats().port()).start(1)).getMessage();

        assertTrue(message.contains("the stats are of the server on port " + other.server().port()), message);
    }

    @Test
    void publicTargetsAndTargetsWithForkOrPinningAreRefused() {
        ReactorBenchmark bench = new ReactorBenchmark();
        bench.target = "8.8.8.8:80";
        String message = assertThrows(IllegalArgumentException.class, () -> bench.start(1)).getMessage();
        assertTrue(message.contains("target=8.8.8.8:80") && message.contains("public address"), message);

        bench.target = "127.0.0.1:9";
        bench.fork = true;
        String fork = assertThrows(IllegalArgumentException.class, () -> bench.start(1)).getMessage();
        assertTrue(fork.contains("fork=true"), fork);
    }

    @Test
    void aMatchingServerHasNoMismatch() throws IOException {
        Served served = serve(Model.REACTOR, ServerConfig.loopback(0).withOption("spins", "100"));
        ReactorBenchmark bench = reactorAt(served.server().port(), served.stats().port());
        bench.spins = "100";

        bench.start(1);
        assertNull(((RemoteServer) ((ServerBenchmark) bench).server()).mismatch(((RemoteServer) ((ServerBenchmark) bench).server()).stats()));
        bench.tearDown();
        try (Socket stillServing = new Socket(InetAddress.getLoopbackAddress(), served.server().port())) {
            assertTrue(stillServing.isConnected(), "tearing down leaves the remote server running");
        }
    }

    private record Served(Server server, StatsEndpoint stats) {
    }

    private Served serve(Model model, ServerConfig config) throws IOException {
        Server server = model.create(config);
        running.add(server);
        server.start();
        StatsEndpoint stats = StatsEndpoint.start(model.modelName, config, server.port(), 0);
        running.add(stats);
        return new Served(server, stats);
    }

    private static ReactorBenchmark reactorAt(int port, int statsPort) {
        ReactorBenchmark bench = new ReactorBenchmark();
        bench.target = "127.0.0.1:" + port;
        bench.targetStats = "127.0.0.1:" + statsPort;
        return bench;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A port whose every connection gets {@code answer} and is closed, on a daemon thread, until the test ends. */
    private int answerEveryConnection(String answer) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        running.add(listener);
        Thread.ofPlatform().daemon().start(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    socket.getInputStream().read(new byte[4096]); // the request, not read whole: the answer ignores it
                    OutputStream out = socket.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the test closed the listener, or the client left: nothing to answer
                }
            }
        });
        return listener.getLocalPort();
    }

    private static double counter(RunResult run, String name) {
        Result<?> result = run.getSecondaryResults().get(name);
        return result == null ? Double.NaN : result.getScore();
    }
}
