package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.SelectorLoopBenchmark;

/** {@code multi-reactor}: N selector loops, fed by one acceptor or each accepting on a SO_REUSEPORT listener. */
@State(Scope.Benchmark)
public class MultiReactorBenchmark extends SelectorLoopBenchmark {

    /** Selector loops; "default" is the model's default, the number of cores. */
    @Param(MODEL_DEFAULT)
    public String loops;

    /** true: each loop accepts on its own listener (SO_REUSEPORT); false: one acceptor thread deals connections out. */
    @Param("false")
    public String reuseport;

    public MultiReactorBenchmark() {
        super("multi-reactor");
    }

    @Override
    protected Map<String, String> options() {
        return loopOptions("loops", loops, "reuseport", reuseport);
    }
}
