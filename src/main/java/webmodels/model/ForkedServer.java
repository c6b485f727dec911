package webmodels.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Any model run in a JVM of its own ({@link ForkedChild}). Keeps the client's garbage, JIT work
 * and file descriptors out of the server's process: with 20000 descriptors per process, a server
 * and its clients in one JVM hold at most about 10000 connections, a forked server twice that.
 * Its footprint is measured alone, from {@code /proc}.
 *
 * <p>The child is started as {@code prefork}'s workers are ({@link ChildJvm#command}, the whole
 * {@link ServerConfig} as arguments, the {@link ReadyChild} handshake with a deadline), but with
 * the JVM flags it is given instead of the fast-start ones: it is the server being measured.
 * It is controlled through its standard input: {@code footprint} asks for a {@link Footprint}
 * line, and end of input (our close, or our death) stops it, so it never outlives this JVM.
 */
public final class ForkedServer implements Server {

    /** How long the child may take to start before {@link #start()} gives up. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** How long the child may take to close its server (many connections, children of its own) before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final Duration FOOTPRINT_TIMEOUT = Duration.ofSeconds(30);

    private final Model model;
    private final ServerConfig config;
    private final List<String> jvmArgs;
    private ReadyChild child;
    private int port;
    private boolean closed;

    public ForkedServer(Model model, ServerConfig config, List<String> jvmArgs) {
        this.model = model;
        this.config = config;
        this.jvmArgs = List.copyOf(jvmArgs);
        model.create(config); // fails here, in the caller's JVM, on a bad option; building starts nothing
    }

    @Override
    public synchronized void start() throws IOException {
        List<String> flags = new ArrayList<>();
        flags.add("--enable-native-access=ALL-UNNAMED"); // Netty's native transports
        flags.addAll(jvmArgs);
        List<String> args = new ArrayList<>();
        args.add("model=" + model.modelName);
        args.addAll(ChildJvm.configArgs(config, config.port()));
        try {
            child = ReadyChild.start(ChildJvm.command(ForkedChild.class, flags, args), "forked " + model.modelName, true);
            port = child.awaitReady(System.nanoTime() + READY_TIMEOUT.toNanos());
        } catch (IOException | RuntimeException e) {
            close(); // a failed start leaves no child behind
            throw e;
        }
    }

    @Override
    public int port() {
        return port;
    }

    /** The child's process id, for measuring its CPU time from outside. */
    public long pid() {
        return child.process.pid();
    }

    /** Asks the child for its footprint: threads and memory of its process tree, heap after a GC. */
    public synchronized Footprint footprint() {
        try {
            child.send(ForkedChild.FOOTPRINT);
            String line = child.nextLine(FOOTPRINT_TIMEOUT);
            if (!line.startsWith(ForkedChild.FOOTPRINT + " ")) {
                throw new IOException("forked server answered: " + line);
            }
            return Footprint.fromJson(line.substring(ForkedChild.FOOTPRINT.length() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed || child == null) {
            return;
        }
        closed = true;
        ChildJvm.stopAll(List.of(child.process), STOP_GRACE); // end of input: the child closes its server and exits
        child.release();
    }
}
