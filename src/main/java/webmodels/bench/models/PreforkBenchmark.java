package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code prefork}: worker processes started in advance share the listening socket. */
@State(Scope.Benchmark)
public class PreforkBenchmark extends ServerBenchmark {

    /** Worker processes; "default" is the model's default. */
    @Param(MODEL_DEFAULT)
    public String processes;

    public PreforkBenchmark() {
        super("prefork");
    }

    @Override
    protected Map<String, String> options() {
        return options("processes", processes);
    }
}
