package webmodels.bench;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The selector-loop knobs of {@code reactor} and {@code multi-reactor} ({@code webmodels.model.LoopOptions})
 * as {@code @Param}s, each defaulting to the model's own default, e.g. {@code -p select=busy-poll,block}.
 */
@State(Scope.Benchmark)
public abstract class SelectorLoopBenchmark extends ServerBenchmark {

    @Param("16384")
    public String readBuffer;

    @Param("true")
    public String direct;

    /** block | busy-poll | timeout | spin-then-block */
    @Param("block")
    public String select;

    @Param("100")
    public String spins;

    @Param("64")
    public String acceptBatch;

    /** immediate | on-writable */
    @Param("immediate")
    public String writeMode;

    @Param("true")
    public String tcpNodelay;

    protected SelectorLoopBenchmark(String modelName) {
        super(modelName);
    }

    /** The loop knobs under their option names, plus the model's own {@code extra} name, value pairs. */
    protected Map<String, String> loopOptions(String... extra) {
        Map<String, String> options = options(
                "read-buffer", readBuffer,
                "direct", direct,
                "select", select,
                "spins", spins,
                "accept-batch", acceptBatch,
                "write-mode", writeMode,
                "tcp-nodelay", tcpNodelay);
        options.putAll(options(extra));
        return options;
    }
}
