package webmodels.bench.models;

import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import webmodels.bench.ServerBenchmark;
import webmodels.model.CEpollServer;
import webmodels.model.CpuList;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

/**
 * {@code c-epoll}: the reference, not a model. A one-thread epoll responder in C ({@link CEpollServer}),
 * always a process of its own whatever {@code fork} says (pinned with {@code serverCpus}), measured with the same clients and the
 * same CPU clock as the models (its whole process, from {@code /proc}). The interleaved runs put it
 * in the middle of every round, so that each model's figures can be read as multiples of the floor
 * measured on the same machine in the same run.
 */
@State(Scope.Benchmark)
public class CEpollBenchmark extends ServerBenchmark {

    public CEpollBenchmark() {
        super(CEpollServer.NAME);
    }

    @Override
    protected Map<String, String> options() {
        return Map.of();
    }

    @Override
    protected Server ownServer(ServerConfig config) {
        return new CEpollServer(config, serverCpus.isEmpty() ? null : CpuList.parse(serverCpus));
    }
}
