package webmodels.bench;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.model.LoopOptions;

/**
 * The selector-loop knobs of {@code reactor} and {@code multi-reactor} as {@code @Param}s, each
 * defaulting to the model's own default, a constant of {@link LoopOptions}; e.g. {@code -p select=busy-poll,block}.
 */
@State(Scope.Benchmark)
public abstract class SelectorLoopBenchmark extends ServerBenchmark {

    @Param("" + LoopOptions.DEFAULT_READ_BUFFER)
    public String readBuffer;

    @Param("" + LoopOptions.DEFAULT_DIRECT)
    public String direct;

    /** block | busy-poll | timeout | spin-then-block */
    @Param(LoopOptions.DEFAULT_SELECT)
    public String select;

    @Param("" + LoopOptions.DEFAULT_SPINS)
    public String spins;

    @Param("" + LoopOptions.DEFAULT_ACCEPT_BATCH)
    public String acceptBatch;

    /** immediate | on-writable */
    @Param(LoopOptions.DEFAULT_WRITE_MODE)
    public String writeMode;

    @Param("" + LoopOptions.DEFAULT_TCP_NODELAY)
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
