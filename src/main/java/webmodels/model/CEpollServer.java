package webmodels.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import webmodels.http.Work;

/**
 * {@code c-epoll}: not a model but the floor the models are held against, measured in the same run
 * as they are: a one-thread epoll responder in C ({@code c_epoll_hello.c}, carried in the jar), the
 * least a server on this kernel can spend per request, to hold the models against in the same run.
 *
 * <p>{@link #start()} compiles the source with {@code gcc -O2} once per version of it (the binary is
 * kept in the temporary directory, named after the source's hash), starts it on a free port of
 * 127.0.0.1 and waits for its {@code READY port} line, as for a forked JVM ({@link ReadyChild}).
 * End of its standard input (our {@link #close()}, or our death) stops it. Without gcc it fails to
 * start with a message that says so ({@link #available()} tells beforehand).
 *
 * <p>It takes no option and no work (it refuses them), and no limits beyond its 8 KiB request head
 * and no request timeout: the configuration's loopback address and port are all it uses.
 */
public final class CEpollServer implements Server {

    public static final String NAME = "c-epoll";

    static final String SOURCE = "/webmodels/bench/c_epoll_hello.c";
    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ServerConfig config;
    private final CpuList cpus;
    private ReadyChild child;
    private int port;
    private boolean closed;

    public CEpollServer(ServerConfig config) {
        this(config, null);
    }

    /** The responder pinned to {@code cpus} ({@code taskset -c}), as {@link ForkedServer} pins a JVM; null: not pinned. */
    public CEpollServer(ServerConfig config, CpuList cpus) {
        config.requireOnly(NAME, Set.of());
        if (!config.host().isLoopbackAddress()) {
            throw new IllegalArgumentException(NAME + " listens on 127.0.0.1 only, not " + config.host().getHostAddress());
        }
        if (!config.work().equals(Work.NONE)) {
            throw new IllegalArgumentException(NAME + " answers at once: it does no work=" + config.work());
        }
        this.config = config;
        this.cpus = cpus == null ? null : cpus.requireOnline("serverCpus=" + cpus);
    }

    /** Whether gcc runs here, so that a run can leave the reference out with a word instead of failing. */
    public static boolean available() {
        try {
            Process gcc = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            gcc.getInputStream().transferTo(OutputStream.nullOutputStream());
            return gcc.waitFor(10, TimeUnit.SECONDS) && gcc.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void start() throws IOException {
        Path binary = compiled();
        try {
            List<String> command = new ArrayList<>();
            if (cpus != null) {
                command.addAll(cpus.tasksetPrefix());
            }
            command.addAll(List.of(binary.toString(), Integer.toString(config.port())));
            child = ReadyChild.start(command, NAME, true);
            port = child.awaitReady(System.nanoTime() + READY_TIMEOUT.toNanos());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The binary for the jar's source, compiled now unless an earlier start left it. */
    static Path compiled() throws IOException {
        byte[] source;
        try (InputStream in = CEpollServer.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from the class path");
            }
            source = in.readAllBytes();
        }
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "webmodels-" + NAME);
        Files.createDirectories(directory);
        Path binary = directory.resolve("c_epoll_hello-" + hash(source));
        if (Files.isExecutable(binary)) {
            return binary;
        }
        // Compiled under names of its own, then moved: two JVMs starting at once each get a whole binary.
        Path sourceFile = Files.createTempFile(directory, "c_epoll_hello-", ".c");
        Path building = Files.createTempFile(directory, "c_epoll_hello-", ".building");
        try {
            Files.write(sourceFile, source);
            Process gcc;
            try {
                gcc = new ProcessBuilder("gcc", "-O2", "-o", building.toString(), sourceFile.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException(NAME + " needs gcc to build its responder: " + e.getMessage(), e);
            }
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ChildJvm.waitUntil(gcc, System.nanoTime() + COMPILE_TIMEOUT.toNanos())) {
                gcc.destroyForcibly();
                throw new IOException("gcc took more than " + COMPILE_TIMEOUT.toSeconds() + " s on " + NAME + "'s responder");
            }
            if (gcc.exitValue() != 0) {
                throw new IOException("gcc failed on " + NAME + "'s responder: " + output.strip());
            }
            Files.move(building, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } finally {
            Files.deleteIfExists(sourceFile);
            Files.deleteIfExists(building);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public int port() {
        return port;
    }

    /** The responder's process id, for measuring it from outside; valid after {@link #start()}. */
    public long pid() {
        return child.process.pid();
    }

    @Override
    public synchronized void close() {
        if (closed || child == null) {
            return;
        }
        closed = true;
        ChildJvm.stopAll(List.of(child.process), STOP_GRACE); // end of input: the responder exits
        child.release();
    }
}
