package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.SelectorLoopBenchmark;

/** {@code reactor}: one selector loop accepts and serves every connection; knobs: the loop's. */
@State(Scope.Benchmark)
public class ReactorBenchmark extends SelectorLoopBenchmark {

    public ReactorBenchmark() {
        super("reactor");
    }

    @Override
    protected Map<String, String> options() {
        return loopOptions();
    }
}
