package webmodels.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every concurrency model by the one name it has in the CLI, the benchmarks, the JSON and the README. */
public enum Model {
    BLOCKING(BlockingServer.NAME, BlockingServer::new),
    PROCESS_PER_REQUEST(ProcessPerRequestServer.NAME, ProcessPerRequestServer::new),
    PREFORK(PreforkServer.NAME, PreforkServer::new),
    THREAD_POOL(ThreadPoolServer.NAME, ThreadPoolServer::new),
    REACTOR(ReactorServer.NAME, ReactorServer::new),
    THREAD_PER_CONNECTION(ThreadPerConnectionServer.NAME, ThreadPerConnectionServer::new),
    VIRTUAL_THREADS(VirtualThreadsServer.NAME, VirtualThreadsServer::new),
    MULTI_REACTOR(MultiReactorServer.NAME, MultiReactorServer::new),
    PROACTOR(ProactorServer.NAME, ProactorServer::new),
    IO_URING(IoUringServer.NAME, IoUringServer::new),
    NETTY_EPOLL(NettyServer.Transport.EPOLL.modelName, NettyServer::epoll),
    NETTY_IO_URING(NettyServer.Transport.IO_URING.modelName, NettyServer::ioUring);

    public final String modelName;
    private final Function<ServerConfig, Server> factory;

    Model(String modelName, Function<ServerConfig, Server> factory) {
        this.modelName = modelName;
        this.factory = factory;
    }

    /** Builds (does not start) the model's server; bad options fail here with what is allowed. */
    public Server create(ServerConfig config) {
        return factory.apply(config);
    }

    /**
     * True for the models that answer every request with {@code Connection: close} by design: one
     * thread, or one process, per connection cannot afford to wait for a client's next request.
     */
    public boolean closesPerRequest() {
        return this == BLOCKING || this == PREFORK || this == PROCESS_PER_REQUEST;
    }

    /**
     * True for the models whose work runs on virtual threads, and so on the JDK's carrier threads
     * and their helpers: {@code virtual-threads}, and {@code process-per-request}'s relays.
     */
    public boolean runsOnVirtualThreads() {
        return this == VIRTUAL_THREADS || this == PROCESS_PER_REQUEST;
    }

    public static Model byName(String name) {
        return find(name).orElseThrow(
                () -> new IllegalArgumentException("unknown model '" + name + "'; models: " + names()));
    }

    /** The model of that name, or empty for any other name (the reference {@code c-epoll}, say). */
    public static Optional<Model> find(String name) {
        for (Model model : values()) {
            if (model.modelName.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    public static String names() {
        return Arrays.stream(values()).map(m -> m.modelName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return modelName;
    }
}
