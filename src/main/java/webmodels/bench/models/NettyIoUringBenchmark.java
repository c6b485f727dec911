package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code netty-io-uring}: Netty's native io_uring transport, a completion-based reference. */
@State(Scope.Benchmark)
public class NettyIoUringBenchmark extends ServerBenchmark {

    /** Event loops; "default" is the model's default. */
    @Param(MODEL_DEFAULT)
    public String loops;

    public NettyIoUringBenchmark() {
        super("netty-io-uring");
    }

    @Override
    protected Map<String, String> options() {
        return options("loops", loops);
    }
}
