package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code io-uring}: one thread drives one io_uring written by hand through the FFM API; completion-based, no Netty. */
@State(Scope.Benchmark)
public class IoUringBenchmark extends ServerBenchmark {

    /** Receive buffers the kernel picks from (a power of two); "default" is the model's default. */
    @Param(MODEL_DEFAULT)
    public String buffers;

    /** Link each response's send to the next receive (true) or queue the receive when the send completed (false); "default": true. */
    @Param(MODEL_DEFAULT)
    public String linkReceive;

    /** A receive after a response waits for data before trying (IORING_RECVSEND_POLL_FIRST); "default": true. */
    @Param(MODEL_DEFAULT)
    public String pollFirst;

    public IoUringBenchmark() {
        super("io-uring");
    }

    @Override
    protected Map<String, String> options() {
        return options("buffers", buffers, "link-receive", linkReceive, "poll-first", pollFirst);
    }
}
