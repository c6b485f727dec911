package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code thread-pool}: an acceptor feeds a bounded queue, a fixed pool of workers serves the connections. */
@State(Scope.Benchmark)
public class ThreadPoolBenchmark extends ServerBenchmark {

    /** Worker threads; each holds one keep-alive connection for its whole life. */
    @Param("8")
    public String workers;

    /** Connections waiting for a worker; beyond it the server answers 503. */
    @Param("1024")
    public String queue;

    public ThreadPoolBenchmark() {
        super("thread-pool");
    }

    @Override
    protected Map<String, String> options() {
        return options("workers", workers, "queue", queue);
    }
}
