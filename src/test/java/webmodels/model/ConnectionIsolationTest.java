package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.start;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import webmodels.http.Work;

/**
 * One client's bytes never reach another. Found against {@code reactor}: a client pipelined
 * requests and reset its connection; the write of their responses failed, the loop's shared
 * response buffer kept them, and the next connection it served got them in front of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionIsolationTest {

    private static final int PIPELINED = 200;
    private static final int TRIALS = 3;
    /** How long the fresh client listens for a response it never asked for. */
    private static final Duration QUIET = Duration.ofMillis(300);

    static java.util.stream.Stream<Model> models() {
        return Servers.models();
    }

    /**
     * Every request takes 1 ms of handler time, so the server is still working through the
     * pipelined batch it read when the reset arrives: the write that follows fails every time,
     * not once in fifty as with a server that does nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aResetWithPipelinedRequestsLeavesNothingForTheNextClient(Model model) throws Exception {
        ServerConfig slowHandler = ServerConfig.loopback(0).withWork(Work.parse("sleep:1ms"));
        try (Server server = start(model, slowHandler)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                RawClient resetting = RawClient.connect(server.port());
                resetting.send(GET.repeat(PIPELINED));
                resetting.reset();
                for (int request = 0; request < 3; request++) {
                    try (RawClient fresh = RawClient.connect(server.port())) {
                        assertHello(fresh.send(GET).read());
                        assertTrue(fresh.receivesNothingMoreWithin(QUIET),
                                "trial " + trial + ": a fresh client got more than the one response it asked for");
                    }
                }
            }
        }
    }
}
