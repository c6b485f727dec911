package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code virtual-threads}: a new virtual thread serves each accepted connection; no knobs. */
@State(Scope.Benchmark)
public class VirtualThreadsBenchmark extends ServerBenchmark {

    public VirtualThreadsBenchmark() {
        super("virtual-threads");
    }

    @Override
    protected Map<String, String> options() {
        return Map.of();
    }
}
