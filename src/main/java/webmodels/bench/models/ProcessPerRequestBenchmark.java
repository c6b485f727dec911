package webmodels.bench.models;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import webmodels.bench.ServerBenchmark;

/**
 * {@code process-per-request}: a new process (a JVM start) answers each request, so requests are
 * slow. Fewer client threads and fewer, equally long iterations than
 * {@link ServerBenchmark} keep a run to about 25 s; its numbers are measured and reported like
 * every other model's.
 */
@State(Scope.Benchmark)
@Threads(2)
@Warmup(iterations = 1, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ProcessPerRequestBenchmark extends ServerBenchmark {

    /** Most child processes at once; "default" is the model's default. */
    @Param(MODEL_DEFAULT)
    public String maxChildren;

    public ProcessPerRequestBenchmark() {
        super("process-per-request");
    }

    @Override
    protected Map<String, String> options() {
        return options("max-children", maxChildren);
    }
}
