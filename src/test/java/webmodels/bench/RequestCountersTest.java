package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import webmodels.load.Failure;

class RequestCountersTest {

    @Test
    void eachKindOfFailureHasItsOwnCounter() {
        RequestCounters counters = new RequestCounters();
        for (Failure kind : Failure.values()) {
            counters.countFailure(kind);
        }
        counters.countFailure(Failure.REFUSED);

        assertEquals(8, counters.failures);
        assertEquals(1, counters.failNon200);
        assertEquals(1, counters.failBody);
        assertEquals(2, counters.failRefused);
        assertEquals(1, counters.failReset);
        assertEquals(1, counters.failTimeout);
        assertEquals(1, counters.failClosed);
        assertEquals(1, counters.failOther);
    }

    @Test
    void failuresCountedInBulkGoToTheirKind() {
        RequestCounters counters = new RequestCounters();
        counters.countFailures(Failure.TIMEOUT, 3);
        counters.countFailures(Failure.RESET, 0);

        assertEquals(3, counters.failures);
        assertEquals(3, counters.failTimeout);
        assertEquals(0, counters.failReset);
    }

    @Test
    void resetStartsAnIterationFromZero() {
        RequestCounters counters = new RequestCounters();
        counters.requests = 5;
        counters.connectionsOpened = 2;
        counters.countFailure(Failure.TIMEOUT);
        counters.clientCpuNanos = 7;
        counters.serverCpuNanos = 9;

        counters.reset();

        assertEquals(0, counters.requests + counters.connectionsOpened + counters.failures + counters.failTimeout
                + counters.clientCpuNanos + counters.serverCpuNanos);
    }
}
