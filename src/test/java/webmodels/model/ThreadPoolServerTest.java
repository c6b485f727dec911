package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.model.RawClient.Reply;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolServerTest {

    @Test
    void queuesConnectionsBeyondTheWorkersAndRefusesBeyondTheQueueWith503() throws Exception {
        ServerConfig config = ServerConfig.loopback(0).withOptions(Map.of("workers", "1", "queue", "1"));
        try (Server server = Servers.start(Model.THREAD_POOL, config);
             RawClient holding = RawClient.connect(server.port())) {
            assertHello(holding.send(GET).read()); // the one worker now serves this keep-alive connection
            try (RawClient queued = RawClient.connect(server.port());
                 RawClient refused = RawClient.connect(server.port())) {
                queued.send(GET);
                Reply refusal = refused.send(GET).read();
                assertEquals(503, refusal.status());
                assertTrue(refusal.closes());
                assertTrue(refused.closedByServer());

                holding.close(); // frees the worker for the queued connection
                Reply late = queued.read();
                assertHello(late);
                assertFalse(late.closes());
            }
        }
    }
}
