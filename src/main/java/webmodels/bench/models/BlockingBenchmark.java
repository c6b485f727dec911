package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code blocking}: one thread accepts and serves one connection at a time; it has no knobs. */
@State(Scope.Benchmark)
public class BlockingBenchmark extends ServerBenchmark {

    public BlockingBenchmark() {
        super("blocking");
    }

    @Override
    protected Map<String, String> options() {
        return Map.of();
    }
}
