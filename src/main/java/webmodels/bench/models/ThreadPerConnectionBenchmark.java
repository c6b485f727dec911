package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code thread-per-connection}: a new platform thread serves each accepted connection; no knobs. */
@State(Scope.Benchmark)
public class ThreadPerConnectionBenchmark extends ServerBenchmark {

    public ThreadPerConnectionBenchmark() {
        super("thread-per-connection");
    }

    @Override
    protected Map<String, String> options() {
        return Map.of();
    }
}
