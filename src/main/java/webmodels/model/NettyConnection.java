package webmodels.model;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import webmodels.http.HttpSession;
import webmodels.http.OutBuffer;

/**
 * One Netty connection of {@link NettyServer}: the glue between Netty's byte buffers and the shared
 * {@link HttpSession}, with the same rules as {@link EventLoop}. Netty calls it on the connection's
 * loop thread only, so it needs no locking.
 *
 * <ul>
 *   <li>Each read goes to the session; its responses are copied into one Netty buffer (the
 *       {@link OutBuffer} is the loop's and is reused at once) and flushed when Netty's read
 *       batch ends, so pipelined requests leave in one write.</li>
 *   <li>While the connection is unwritable (more than Netty's high water mark, 64 KiB, waiting to
 *       be sent) it is not read: a client that does not read cannot make the server buffer without bound.</li>
 *   <li>The request deadline restarts with every response, and only then; when it passes, a
 *       half-sent request gets 408 and any connection is closed. One timer per connection, moved
 *       forward lazily instead of being rescheduled for every request. A passed deadline is
 *       judged again after the loop's next I/O pass: a loop that is behind must read the request
 *       a client sent in time before it calls the client slow.</li>
 * </ul>
 */
final class NettyConnection extends ChannelInboundHandlerAdapter {

    private final HttpSession session;
    private final ThreadLocal<OutBuffer> responses;
    private final long timeoutNanos;
    private long deadline;
    private boolean closing;
    private boolean unflushed;
    private ScheduledFuture<?> timer;
    /** The timer found the deadline passed once; it expires the connection only if still so after an I/O pass. */
    private boolean deadlineSeenPassed;

    NettyConnection(ServerConfig config, ThreadLocal<OutBuffer> responses) {
        this.session = new HttpSession(config.handler(), config.limits(), false);
        this.responses = responses;
        this.timeoutNanos = config.limits().requestTimeout().toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = System.nanoTime() + timeoutNanos;
        armTimer(ctx, timeoutNanos);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            if (!closing) {
                serve(ctx, bytes);
            } // else: the connection is closing after its last response; what the client still sends is dropped
        } finally {
            bytes.release();
        }
    }

    private void serve(ChannelHandlerContext ctx, ByteBuf bytes) {
        OutBuffer out = responses.get();
        try {
            serve(ctx, bytes, out);
        } finally {
            // The buffer is the loop thread's, shared by every connection on it: what a throwing
            // handler left in it must never be sent to the next connection served.
            out.clear();
        }
    }

    private void serve(ChannelHandlerContext ctx, ByteBuf bytes, OutBuffer out) {
        boolean close = session.process(bytes.nioBuffer(), out);
        if (!out.isEmpty()) { // the deadline restarts with every response, and only then
            deadline = System.nanoTime() + timeoutNanos;
            deadlineSeenPassed = false;
        }
        if (close) {
            closing = true;
            ctx.channel().config().setAutoRead(false);
        }
        if (out.isEmpty()) {
            if (close) {
                flushThenClose(ctx);
            }
            return;
        }
        ByteBuf copy = ctx.alloc().buffer(out.size()).writeBytes(out.array(), 0, out.size());
        out.clear();
        if (close) {
            ctx.writeAndFlush(copy).addListener((ChannelFuture written) -> closeAfterResponse(ctx, written));
        } else {
            ctx.write(copy, ctx.voidPromise()); // a failed write reaches exceptionCaught, which closes
            unflushed = true;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        channel.config().setAutoRead(channel.isWritable() && !closing);
    }

    private void closeAfterResponse(ChannelHandlerContext ctx, ChannelFuture written) {
        if (written.isSuccess() && session.failed() && ctx.channel() instanceof DuplexChannel duplex) {
            // Bad input: the client may still be sending. Send FIN after the error before closing,
            // so that the client reads the error rather than only a reset.
            duplex.shutdownOutput().addListener(shut -> ctx.close());
        } else {
            ctx.close();
        }
    }

    private void armTimer(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> onTimer(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void onTimer(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            deadlineSeenPassed = false;
            armTimer(ctx, left);
        } else if (!deadlineSeenPassed) {
            // Netty runs timers after the I/O it collected before them: what arrived since (a
            // request sent in time, while this loop was behind) is still unread, and closing now
            // would blame the client for the server's delay, with a reset for the unread bytes.
            // Judge again after the loop's next I/O pass has read it: a task scheduled from a
            // timer runs no earlier than the next round of tasks, which follows that pass.
            deadlineSeenPassed = true;
            armTimer(ctx, 0);
        } else {
            expire(ctx);
        }
    }

    /** The deadline passed: 408 to a half-sent request if nothing else is waiting to be sent, then close. */
    private void expire(ChannelHandlerContext ctx) {
        if (closing) {
            ctx.close(); // its last response could not be sent in time either: the client is not reading
            return;
        }
        closing = true;
        ctx.channel().config().setAutoRead(false);
        OutBuffer out = responses.get();
        session.onTimeout(out);
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        if (out.isEmpty() || pending == null || !pending.isEmpty()) {
            out.clear();
            ctx.close();
            return;
        }
        ByteBuf copy = ctx.alloc().buffer(out.size()).writeBytes(out.array(), 0, out.size());
        out.clear();
        ctx.writeAndFlush(copy).addListener((ChannelFuture written) -> ctx.close());
        deadline = System.nanoTime() + timeoutNanos; // and close anyway if even the 408 cannot be sent
        armTimer(ctx, timeoutNanos);
    }

    /**
     * The client has sent all it will send (half-close; NettyServer allows it). Finish writing the
     * answers to what it sent, then close: with io_uring a write may still be in flight here, and
     * Netty's default, closing at once, would lose it.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            closing = true;
            flushThenClose(ctx);
        }
    }

    /** Closes once everything written before has left (or failed): closing at once could drop an io_uring write in flight. */
    private static void flushThenClose(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFuture written) -> ctx.close());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset or a failed write: expected under load, so closed without a log line
    }
}
