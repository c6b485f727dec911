package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;

/** {@code netty-epoll}: Netty's native epoll transport, the industrial reference for multi-reactor. */
@State(Scope.Benchmark)
public class NettyEpollBenchmark extends ServerBenchmark {

    /** Event loops; "default" is the model's default. */
    @Param(MODEL_DEFAULT)
    public String loops;

    public NettyEpollBenchmark() {
        super("netty-epoll");
    }

    @Override
    protected Map<String, String> options() {
        return options("loops", loops);
    }
}
