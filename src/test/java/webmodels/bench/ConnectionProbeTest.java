package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.model.Model;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionProbeTest {

    @Test
    void aRowSaysHowManyIdleConnectionsTheForkedServerHoldsAndWhetherANewClientIsServed() throws Exception {
        String row = ConnectionProbe.probe(Model.REACTOR, 30);
        assertTrue(row.startsWith("| reactor | 30 | 0 | 30 | 0 | 30 | ok | 1 | "), row);
    }

    @Test
    void aServerThatClosesAfterEachAnswerHoldsNoneAndHasNoCostPerConnection() throws Exception {
        String row = ConnectionProbe.probe(Model.BLOCKING, 10);
        assertTrue(row.startsWith("| blocking | 10 | 0 | 10 | 0 | 0 | ok | 1 | "), row);
        assertTrue(row.endsWith("| — | — | — |"), row);
    }
}
