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
 *
 * <p>Given a {@link CpuList}, the child runs under {@code taskset -c LIST}: pinned to those CPUs,
 * so that on one machine the server and the benchmark's client each have cores of their own.
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
    private final CpuList cpus;
    private ReadyChild child;
    private int port;
    private boolean closed;

    public ForkedServer(Model model, ServerConfig config, List<String> jvmArgs) {
        this(model, config, jvmArgs, null);
    }

    /** A forked server pinned to {@code cpus} (null: not pinned). */
    public ForkedServer(Model model, ServerConfig config, List<String> jvmArgs, CpuList cpus) {
        this.model = model;
        this.config = config;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.cpus = cpus == null ? null : cpus.requireOnline("serverCpus=" + cpus);
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
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(cpus.tasksetPrefix());
        }
        command.addAll(ChildJvm.command(ForkedChild.class, flags, args));
        try {
            child = ReadyChild.start(command, "forked " + model.modelName, true);
            port = child.awaitReady(System.nanoTime() + READY_TIMEOUT.toNanos());
            requirePinned();
        } catch (IOException | RuntimeException e) {
            close(); // a failed start leaves no child behind
            throw e;
        }
    }

    /** Checks that the kernel holds the child to the CPUs asked for, so that no run is reported pinned that was not. */
    private void requirePinned() throws IOException {
        if (cpus == null) {
            return;
        }
        CpuList allowed = CpuList.allowedOf(child.process.pid());
        if (allowed == null || !allowed.cpus().equals(cpus.cpus())) {
            throw new IOException("forked " + model + " server asked for CPUs " + cpus + " runs on " + allowed);
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
