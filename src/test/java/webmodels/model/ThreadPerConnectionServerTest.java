package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPerConnectionServerTest {

    @Test
    void theCpuTimeOfEndedConnectionThreadsIsKept() throws IOException, InterruptedException {
        try (Server server = new ThreadPerConnectionServer(ServerConfig.loopback(0))) {
            server.start();
            assertEquals(0, server.cpuNanosOfEndedThreads());

            for (int i = 0; i < 3; i++) {
                try (RawClient client = RawClient.connect(server.port())) {
                    client.send("""
                            GET / HTTP/1.1
                            Host: test
                            Connection: close

                            """);
                    assertEquals(200, client.read().status());
                }
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.cpuNanosOfEndedThreads() == 0) { // the threads end just after answering
                assertTrue(System.nanoTime() < deadline, "no ended thread's CPU time");
                Thread.sleep(10);
            }
        }
    }
}
