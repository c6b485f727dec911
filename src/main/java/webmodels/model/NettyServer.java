package webmodels.model;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import webmodels.http.OutBuffer;

/**
 * {@code netty-epoll} and {@code netty-io-uring}: Netty 4.2's native Linux transports, serving
 * the shared webmodels codec ({@link NettyConnection} feeds each read to the connection's
 * {@link webmodels.http.HttpSession}), so that the row measures Netty's I/O model and not an HTTP
 * parser of its own.
 *
 * <pre>
 *   one group of N loops (option loops, default 1):
 *   [loop 0] accept ----register----> [loop i] read -> session.process -> write ... flush at read end
 *   epoll:    readiness  (epoll_wait, then read/write syscalls on the loop thread)
 *   io_uring: completion (the loop submits reads/writes to a ring and reaps their completions)
 * </pre>
 *
 * One group, not a boss group plus a worker group: with {@code loops=1} one thread accepts and
 * serves, like {@code reactor}, so the two can be held against each other; with more loops the
 * accepting loop also serves its share of the connections, like {@code multi-reactor} with
 * {@code reuseport}. (A separate boss thread pays off only when accepting is heavy, which a
 * keep-alive benchmark is not.)
 *
 * <p>The shared codec rather than Netty's {@code HttpServerCodec}: every model parses with the
 * same {@link webmodels.http.RequestParser}, so a difference between rows is the I/O model's.
 */
public final class NettyServer implements Server {

    /** A native transport: its model name, whether it runs here, and its Netty classes. */
    public enum Transport {
        EPOLL("netty-epoll", "epoll", Epoll::isAvailable, Epoll::unavailabilityCause,
                EpollIoHandler::newFactory, EpollServerSocketChannel.class),
        IO_URING("netty-io-uring", "io_uring", IoUring::isAvailable, IoUring::unavailabilityCause,
                IoUringIoHandler::newFactory, IoUringServerSocketChannel.class);

        public final String modelName;
        private final String kernelInterface;
        private final BooleanSupplier available;
        private final Supplier<Throwable> unavailabilityCause;
        private final Supplier<IoHandlerFactory> ioHandlerFactory;
        private final Class<? extends ServerChannel> serverChannel;

        Transport(String modelName, String kernelInterface, BooleanSupplier available, Supplier<Throwable> unavailabilityCause,
                  Supplier<IoHandlerFactory> ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {
            this.modelName = modelName;
            this.kernelInterface = kernelInterface;
            this.available = available;
            this.unavailabilityCause = unavailabilityCause;
            this.ioHandlerFactory = ioHandlerFactory;
            this.serverChannel = serverChannel;
        }

        /** Fails with the reason Netty gives when this transport cannot run on this machine. */
        void requireAvailable() throws IOException {
            boolean isAvailable;
            Throwable cause;
            try {
                isAvailable = available.getAsBoolean();
                cause = isAvailable ? null : unavailabilityCause.get();
            } catch (LinkageError e) { // the transport's classes or native library could not load at all
                isAvailable = false;
                cause = e;
            }
            if (!isAvailable) {
                throw new IOException(modelName + ": Netty's native " + kernelInterface + " transport is unavailable on this machine ("
                        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", " + System.getProperty("os.arch")
                        + "): " + describe(cause), cause);
            }
        }

        private static String describe(Throwable cause) {
            if (cause == null) {
                return "Netty gives no reason";
            }
            StringBuilder text = new StringBuilder(String.valueOf(cause));
            for (Throwable inner = cause.getCause(); inner != null && inner != inner.getCause(); inner = inner.getCause()) {
                text.append("; caused by ").append(inner);
            }
            return text.toString();
        }
    }

    static {
        // Log through java.util.logging: Netty would otherwise probe SLF4J (on the class path for
        // HttpClient, without a binding) and print its warning. Netty's debug chatter stays hidden;
        // its warnings still show. Expected resets never reach a log: NettyConnection closes them.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    private final ServerConfig config;
    private final Transport transport;
    private final int loops;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    /** One response buffer per loop thread, reused by every connection the loop serves. */
    private final ThreadLocal<OutBuffer> responses = ThreadLocal.withInitial(() -> new OutBuffer(4096));
    private EventLoopGroup group;
    private Channel listener;
    private boolean closed;

    public NettyServer(ServerConfig config, Transport transport) {
        config.requireOnly(transport.modelName, Set.of("loops"));
        this.config = config;
        this.transport = transport;
        this.loops = config.intOption("loops", 1, 1, 1024);
    }

    public static NettyServer epoll(ServerConfig config) {
        return new NettyServer(config, Transport.EPOLL);
    }

    public static NettyServer ioUring(ServerConfig config) {
        return new NettyServer(config, Transport.IO_URING);
    }

    @Override
    public synchronized void start() throws IOException {
        transport.requireAvailable();
        group = new MultiThreadIoEventLoopGroup(loops, recordingThreads(), transport.ioHandlerFactory.get());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel)
                .option(ChannelOption.SO_BACKLOG, AcceptingServer.BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // see NettyConnection.userEventTriggered
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        connections.add(channel);
                        channel.closeFuture().addListener(closed -> connections.remove(channel));
                        channel.pipeline().addLast(new NettyConnection(config, responses));
                    }
                });
        try {
            listener = bootstrap.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
            listener.pipeline().addLast(new AcceptFailures()); // after Netty's acceptor, which bind has put in place
        } catch (Exception e) { // bind failures arrive as checked exceptions Netty rethrows undeclared
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof IOException io ? io : new IOException(transport.modelName + ": cannot listen: " + e, e);
        }
    }

    /**
     * A failed accept (out of descriptors, most often) reaches Netty's acceptor, which stops
     * accepting for a second (Netty's own back-off) and passes the exception on down the
     * listener's pipeline. At its end Netty would log it, and that log, the first of the JVM,
     * needs the time-zone file: out of descriptors it cannot be opened, and the error kills the
     * loop thread. The back-off is all there is to do, so the exception ends here.
     */
    private static final class AcceptFailures extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // the acceptor has paused accepting already; the connections already open go on being served
        }
    }

    /** Names the loop threads after the model, and remembers them so that close() can wait until they are gone. */
    private ThreadFactory recordingThreads() {
        ThreadFactory named = new DefaultThreadFactory(transport.modelName);
        return task -> {
            Thread thread = named.newThread(task);
            threads.add(thread);
            return thread;
        };
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        // Close the connections ourselves rather than leave it to the group's shutdown: with epoll
        // (Netty 4.2.18) that now and then left an accepted socket open, and its client waiting.
        for (Channel connection : connections) {
            connection.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (group != null) {
            // No quiet period: nothing else submits tasks to these loops.
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        threads.forEach(Closing::join); // the termination future completes just before each thread ends
        try {
            // Netty reports the group's termination through its shared GlobalEventExecutor, whose
            // thread ("globalEventExecutor-...") lingers for a second of quiet: wait for it too.
            GlobalEventExecutor.INSTANCE.awaitInactivity(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // "thread was not started": the group never ran (start failed), so nothing lingers
        }
    }
}
