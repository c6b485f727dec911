package webmodels.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import webmodels.load.Failure;

/**
 * What one JMH thread saw in one iteration, reported by JMH beside the score as secondary results
 * ({@code keepAlive:failures} and so on, summed over threads). {@code requests} counts every
 * attempt, so it equals the benchmark's operations; {@code failures} is the part of it that
 * failed, split by kind; {@code connectionsOpened} counts TCP connections the client established.
 * A keep-alive run that opens more connections than it has threads met a server that closes them.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class RequestCounters {

    public long requests;
    public long failures;
    public long failNon200;
    public long failBody;
    public long failRefused;
    public long failReset;
    public long failTimeout;
    public long failClosed;
    public long failOther;
    public long connectionsOpened;

    /** JMH leaves resetting to the user: each iteration reports its own counts. */
    @Setup(Level.Iteration)
    public void reset() {
        requests = 0;
        failures = 0;
        failNon200 = 0;
        failBody = 0;
        failRefused = 0;
        failReset = 0;
        failTimeout = 0;
        failClosed = 0;
        failOther = 0;
        connectionsOpened = 0;
    }

    void countFailure(Failure kind) {
        failures++;
        switch (kind) {
            case NON_200 -> failNon200++;
            case WRONG_BODY -> failBody++;
            case REFUSED -> failRefused++;
            case RESET -> failReset++;
            case TIMEOUT -> failTimeout++;
            case CLOSED_EARLY -> failClosed++;
            case OTHER -> failOther++;
        }
    }
}
