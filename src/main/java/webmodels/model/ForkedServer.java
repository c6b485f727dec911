package webmodels.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Any model run in a JVM of its own, through the {@code serve} command. Keeps the client's
 * garbage, JIT work and file descriptors out of the server's process: with 20000 descriptors per
 * process, a server and its clients in one JVM hold at most about 10000 connections, a forked
 * server twice that. Its footprint is measured alone, from {@code /proc}.
 *
 * <p>The child is controlled through its standard input: {@code footprint} asks for a
 * {@link Footprint} line, and end of input (our close, or our death) stops it, so it never
 * outlives this JVM.
 *
 * <p>Given a {@link CpuList}, the child runs under {@code taskset -c LIST}: pinned to those CPUs,
 * so that on one machine the server and the benchmark's client each have cores of their own.
 */
public final class ForkedServer implements Server {

    private static final String SERVING = "serving ";

    private final Model model;
    private final ServerConfig config;
    private final List<String> jvmArgs;
    private final CpuList cpus;
    private Process process;
    private BufferedReader output;
    private OutputStream control;
    private int port;
    private boolean closed;

    public ForkedServer(Model model, ServerConfig config, List<String> jvmArgs) {
        this(model, config, jvmArgs, null);
    }

    /** As above, pinned to {@code cpus} (null: wherever the scheduler likes); fails at once if this machine lacks one of them. */
    public ForkedServer(Model model, ServerConfig config, List<String> jvmArgs, CpuList cpus) {
        this.model = model;
        this.config = config;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.cpus = cpus == null ? null : cpus.requireOnline("serverCpus=" + cpus);
        // Fail here, in the caller's JVM, on a bad option; and close what was built, since some
        // models start threads in their constructor (thread-pool), which would keep this JVM alive.
        model.create(config).close();
    }

    @Override
    public void start() throws IOException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus.text())); // taskset execs the JVM: same pid, pinned from its first instruction
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "webmodels.cli.Main", "serve", model.modelName,
                "--host", config.host().getHostAddress(), "--port", Integer.toString(config.port()),
                "--work", config.work().toString(),
                "--request-timeout", config.limits().requestTimeout().toMillis() + "ms",
                "--control", "stdin"));
        for (Map.Entry<String, String> option : config.options().entrySet()) {
            command.add("--" + option.getKey());
            command.add(option.getValue());
        }
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        control = process.getOutputStream();
        String line = output.readLine(); // blocks until the child serves, or dies
        if (line == null || !line.startsWith(SERVING)) {
            close();
            throw new IOException("forked " + model + " server did not start (it printed: " + line + ")");
        }
        port = Integer.parseInt(line.replaceAll(".*:(\\d+)/.*", "$1"));
        requirePinned();
    }

    /** Checks that the kernel holds the child to the CPUs asked for, so that no run is reported pinned that was not. */
    private void requirePinned() throws IOException {
        if (cpus == null) {
            return;
        }
        CpuList allowed = CpuList.allowedOf(process.pid());
        if (allowed == null || !allowed.cpus().equals(cpus.cpus())) {
            close();
            throw new IOException("forked " + model + " server asked for CPUs " + cpus + " runs on " + allowed);
        }
    }

    @Override
    public int port() {
        return port;
    }

    /** The child's process id, for measuring its CPU time from outside. */
    public long pid() {
        return process.pid();
    }

    /** Asks the child for its footprint: threads and memory of its process tree, heap after a GC. */
    public synchronized Footprint footprint() {
        try {
            control.write("footprint\n".getBytes(StandardCharsets.US_ASCII));
            control.flush();
            String line = output.readLine();
            if (line == null || !line.startsWith("footprint ")) {
                throw new IOException("forked server answered: " + line);
            }
            return Footprint.fromJson(line.substring("footprint ".length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed || process == null) {
            return;
        }
        closed = true;
        try {
            control.close(); // end of input: the child closes its server and exits
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
