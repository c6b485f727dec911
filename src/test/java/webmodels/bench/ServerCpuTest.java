package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.load.RawHttpClient;
import webmodels.load.RequestFailedException;
import webmodels.model.Server;
import webmodels.model.ServerConfig;
import webmodels.model.ThreadPerConnectionServer;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerCpuTest {

    @Test
    void theModelsThreadsAndTheVirtualThreadCarriersAreTheServers() {
        assertTrue(ServerCpu.isServerThread("reactor", "reactor-loop"));
        assertTrue(ServerCpu.isServerThread("thread-pool", "thread-pool-worker-3"));
        assertTrue(ServerCpu.isServerThread("netty-epoll", "netty-epoll-2-1"));
        assertTrue(ServerCpu.isServerThread("virtual-threads", "ForkJoinPool-1-worker-2"));

        assertFalse(ServerCpu.isServerThread("reactor", "multi-reactor-loop-0"));
        assertFalse(ServerCpu.isServerThread("thread-pool", "thread-per-connection-1"));
        assertFalse(ServerCpu.isServerThread("reactor", "ForkJoinPool.commonPool-worker-1"));
        assertFalse(ServerCpu.isServerThread("reactor", "webmodels.bench.models.ReactorBenchmark.keepAlive-jmh-worker-1"));
        assertFalse(ServerCpu.isServerThread("reactor", "load-connection-0"));
    }

    @Test
    void newThreadsAndChildProcessesCountFromTheirStart() {
        ServerCpu.Reading start = new ServerCpu.Reading(Map.of(1L, 100L), 0, 10);
        ServerCpu.Reading end = new ServerCpu.Reading(Map.of(1L, 300L, 2L, 40L), 0, 25);

        assertEquals(200 + 40 + 15, ServerCpu.between(start, end));
    }

    @Test
    void aThreadThatEndedUnaccountedCountsNothingRatherThanLess() {
        ServerCpu.Reading start = new ServerCpu.Reading(Map.of(1L, 100L, 2L, 50L), 0, 0);
        ServerCpu.Reading end = new ServerCpu.Reading(Map.of(1L, 300L), 0, 0);

        assertEquals(200, ServerCpu.between(start, end));
    }

    @Test
    void threadsTheServerAccountedForCountOnlyTheirTimeWithinTheSpan() {
        // thread 2 had used 50 at the start and 80 in all when it ended; the server reports the 80
        ServerCpu.Reading start = new ServerCpu.Reading(Map.of(1L, 100L, 2L, 50L), 1_000, 0);
        ServerCpu.Reading end = new ServerCpu.Reading(Map.of(1L, 300L), 1_080, 0);

        assertEquals(200 + 30, ServerCpu.between(start, end));
    }

    @Test
    void aThreadPerConnectionServerServingClosedConnectionsUsesCpu() throws IOException {
        try (Server server = new ThreadPerConnectionServer(ServerConfig.loopback(0))) {
            server.start();
            ServerCpu cpu = new ServerCpu(ThreadPerConnectionServer.NAME, server);
            ServerCpu.Reading start = cpu.read();
            try (RawHttpClient client = new RawHttpClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    false, Duration.ofSeconds(5))) {
                for (int i = 0; i < 50; i++) {
                    client.get(); // each on a connection of its own, served by a thread that ends after it
                }
            } catch (RequestFailedException e) {
                throw new AssertionError(e);
            }

            assertTrue(cpu.nanosSince(start) > 0);
        }
    }
}
