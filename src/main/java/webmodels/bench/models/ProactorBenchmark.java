package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code proactor}: completion handlers on asynchronous channels (NIO.2) run on a thread group. */
@State(Scope.Benchmark)
public class ProactorBenchmark extends ServerBenchmark {

    /** Threads of the channel group; "default" is the model's default. */
    @Param(MODEL_DEFAULT)
    public String threads;

    public ProactorBenchmark() {
        super("proactor");
    }

    @Override
    protected Map<String, String> options() {
        return options("threads", threads);
    }
}
