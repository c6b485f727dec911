package webmodels.model;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import webmodels.http.HttpSession;
import webmodels.model.iouring.CompletionLoop;
import webmodels.model.iouring.Ring;

/**
 * {@code io-uring}: a completion-based server written here against Linux io_uring through the
 * Foreign Function &amp; Memory API, with no Netty, no JNI and no native library of its own. One
 * thread owns one ring: it hands the kernel accepts, receives and sends, and one
 * {@code io_uring_enter} per turn both submits them all and waits for their completions. See
 * {@link CompletionLoop} for the loop and {@code webmodels.model.iouring} for the kernel's ABI.
 *
 * <pre>
 *   [loop] enter(submit all, wait >= 1) -> accepted fd | n bytes received | n bytes sent -> queue the next ops -> enter ...
 * </pre>
 *
 * Beside {@code reactor}: no readiness event and then a read; the receive was asked for in
 * advance and comes back done. Beside {@code proactor}: the completions come from the kernel, not
 * from a JDK thread pool that waits on epoll and performs the I/O itself.
 *
 * <p>Options: {@code entries} (submission queue size, default 1024), {@code buffers} (receive
 * buffers the kernel picks from, shared by all connections, a power of two, default 256),
 * {@code buffer-size} (bytes each, default 16384), {@code tcp-nodelay} (default true) and
 * {@code link-receive} (default true: a response's send and the next receive go to the kernel
 * together, linked, and the send reports only a failure; false: the receive is queued when the
 * send's completion arrives), {@code poll-first} (default true: a receive after a response
 * waits for data before it tries to read, IORING_RECVSEND_POLL_FIRST; false: it tries at once,
 * which rarely finds the client's next request there yet).
 * Needs Linux 6.0 or later with io_uring allowed; elsewhere {@link #start()} fails with
 * {@link ModelUnavailableException} naming the kernel's errno.
 */
public final class IoUringServer implements Server {

    public static final String NAME = "io-uring";

    private final ServerConfig config;
    private final CompletionLoop.Options options;
    private CompletionLoop loop;
    private boolean closed;

    public IoUringServer(ServerConfig config) {
        config.requireOnly(NAME, Set.of("entries", "buffers", "buffer-size", "tcp-nodelay", "link-receive", "poll-first"));
        this.config = config;
        int buffers = config.intOption("buffers", 256, 1, 32768);
        if (Integer.bitCount(buffers) != 1) {
            throw new IllegalArgumentException("option buffers must be a power of two, not: " + buffers);
        }
        this.options = new CompletionLoop.Options(
                config.intOption("entries", 1024, 16, 32768),
                buffers,
                config.intOption("buffer-size", 16 * 1024, 64, 16 * 1024 * 1024),
                config.booleanOption("tcp-nodelay", true),
                config.booleanOption("link-receive", true),
                config.booleanOption("poll-first", true));
    }

    /** Why this machine cannot run {@code io-uring} (the kernel's errno), or empty when it can. */
    public static Optional<String> unavailability() {
        return Ring.unavailability();
    }

    @Override
    public synchronized void start() throws IOException {
        loop = new CompletionLoop(NAME + "-loop", config.host(), config.port(), AcceptingServer.BACKLOG,
                () -> new HttpSession(config.handler(), config.limits(), false),
                config.limits().requestTimeout().toNanos(), options);
        loop.start();
    }

    @Override
    public int port() {
        return loop.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop != null) {
            loop.close();
        }
    }
}
