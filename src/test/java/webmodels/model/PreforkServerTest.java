package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.ChildProcessFixture.GET;
import static webmodels.model.ChildProcessFixture.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.http.Limits;

@Timeout(30)
class PreforkServerTest {

    private static PreforkServer start(ServerConfig config) throws IOException {
        PreforkServer server = new PreforkServer(config);
        server.start();
        return server;
    }

    private static ServerConfig twoWorkers() {
        return ServerConfig.loopback(0).withOption("processes", "2");
    }

    @Test
    void answersHelloWorldFromAWorkerAndCloses() throws IOException {
        try (PreforkServer server = start(twoWorkers())) {
            String response = exchange(server.port(), GET);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.contains("\r\nConnection: close\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\nHello World"), response);
        }
    }

    @Test
    void startsTheConfiguredNumberOfWorkersBeforeReturning() throws IOException {
        try (PreforkServer server = start(ServerConfig.loopback(0).withOption("processes", "3"))) {
            List<Long> pids = server.workerPids();
            assertEquals(3, pids.size());
            for (long pid : pids) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " not alive");
            }
        }
    }

    @Test
    void servesSeveralClientsAtOnce() throws Exception {
        try (PreforkServer server = start(twoWorkers());
             ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<String>> responses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                responses.add(clients.submit(() -> exchange(server.port(), GET)));
            }
            for (Future<String> response : responses) {
                assertTrue(response.get().startsWith("HTTP/1.1 200 OK\r\n"), response.get());
            }
        }
    }

    @Test
    void badRequestGetsItsErrorFromAWorker() throws IOException {
        try (PreforkServer server = start(twoWorkers())) {
            String response = exchange(server.port(), "NOT A REQUEST\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
        }
    }

    @Test
    void closeStopsEveryWorkerAndFreesThePort() throws IOException {
        PreforkServer server = start(twoWorkers());
        int port = server.port();
        server.close();
        assertEquals(List.of(), ChildProcessFixture.descendants());
        assertTrue(ChildProcessFixture.portIsFree(port), "port " + port + " still bound");
        server.close(); // harmless twice
    }

    @Test
    void aWorkerThatCannotListenFailsStartWithItsError() throws IOException {
        try (ServerSocket taken = new ServerSocket()) { // no SO_REUSEPORT: no worker can join it
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            PreforkServer server = new PreforkServer(ServerConfig.loopback(taken.getLocalPort()).withOption("processes", "2"));
            IOException failure = assertThrows(IOException.class, server::start);
            assertTrue(failure.getMessage().contains("cannot listen"), failure.getMessage());
            assertEquals(List.of(), ChildProcessFixture.descendants());
        }
    }

    /** A worker lives as long as the server: it compiles and collects as this JVM does, not as a one-request child. */
    @Test
    void workersRunWithoutTheOneRequestChildsFastStartFlags() throws IOException {
        try (PreforkServer server = start(ServerConfig.loopback(0).withOption("processes", "1"))) {
            List<String> arguments = ProcessHandle.of(server.workerPids().get(0))
                    .flatMap(worker -> worker.info().arguments()).map(List::of).orElseThrow();
            assertTrue(arguments.contains(PreforkChild.class.getName()), arguments.toString());
            for (String flag : ChildJvm.FAST_START_FLAGS) {
                assertFalse(arguments.contains(flag), flag + " in a worker's command line: " + arguments);
            }
        }
    }

    @Test
    void workersExitWhenTheirParentIsKilled() throws Exception {
        List<String> command = ChildJvm.command(PreforkOrphanParent.class, List.of());
        Process parent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> workers = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII));
            String line = out.readLine();
            assertNotNull(line, "the parent exited before its workers were ready");
            String[] words = line.split(" ");
            assertEquals("WORKERS", words[0], line);
            workers = Arrays.stream(words, 2, words.length).map(Long::valueOf).toList();
            assertEquals(2, workers.size(), line);
            assertTrue(exchange(Integer.parseInt(words[1]), GET).startsWith("HTTP/1.1 200 OK\r\n"));

            parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertTrue(parent.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of(), ChildProcessFixture.awaitGone(workers, Duration.ofSeconds(15)), "orphaned workers still alive");
        } finally {
            parent.destroyForcibly();
            for (long pid : workers) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // never leave one behind, even on failure
            }
        }
    }

    @Test
    void childServesWithTheParentsLimits() throws IOException {
        Limits shortTargets = new Limits(16, 8192, 100, 1 << 20, Duration.ofSeconds(10));
        try (PreforkServer server = start(ServerConfig.loopback(0).withLimits(shortTargets).withOption("processes", "1"))) {
            String response = exchange(server.port(), "GET /aaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 414 URI Too Long\r\n"), response);
        }
    }
}
