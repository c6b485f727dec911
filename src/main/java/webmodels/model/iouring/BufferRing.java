package webmodels.model.iouring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * Provided buffers (a registered buffer ring, Linux 5.19+): one pool of receive buffers that the
 * kernel picks from when a receive completes, not when it is submitted. An idle connection with a
 * receive pending therefore holds no buffer; a buffer is lent for the length of one
 * {@code HttpSession.process} and given back at once.
 *
 * <pre>
 *   ring of struct io_uring_buf {addr, len, bid}; its tail (u16 at byte 14) is ours to publish
 *   recv SQE with IOSQE_BUFFER_SELECT --> CQE flags: F_BUFFER | bid &lt;&lt; 16 --> process --> recycle(bid)
 * </pre>
 */
public final class BufferRing {

    static final short GROUP = 0;
    private static final int REGISTER_PBUF_RING = 22;
    private static final int ENTRY_SIZE = 16;
    private static final long TAIL_OFFSET = 14;
    private static final VarHandle SHORT = JAVA_SHORT.varHandle();

    private final MemorySegment ring;
    private final MemorySegment buffers;
    private final ByteBuffer[] views;
    private final int mask;
    private final int bufferSize;
    private short tail;

    private BufferRing(MemorySegment ring, MemorySegment buffers, int count, int bufferSize) {
        this.ring = ring;
        this.buffers = buffers;
        this.mask = count - 1;
        this.bufferSize = bufferSize;
        this.views = new ByteBuffer[count];
        for (int bid = 0; bid < count; bid++) {
            views[bid] = buffers.asSlice((long) bid * bufferSize, bufferSize).asByteBuffer();
            recycle(bid);
        }
        publish();
    }

    /** Registers {@code count} (a power of two) buffers of {@code bufferSize} bytes, in memory of {@code arena}, with {@code uring}. */
    static BufferRing register(Ring uring, Arena arena, int count, int bufferSize) throws IOException {
        if (Integer.bitCount(count) != 1 || count > 32768) {
            throw new IllegalArgumentException("buffers must be a power of two up to 32768, not " + count);
        }
        MemorySegment ring = arena.allocate((long) count * ENTRY_SIZE, 4096); // the kernel wants it page-aligned
        MemorySegment buffers = arena.allocate((long) count * bufferSize, 4096);
        MemorySegment registration = arena.allocate(40, 8); // struct io_uring_buf_reg
        registration.set(JAVA_LONG, 0, ring.address());
        registration.set(JAVA_INT, 8, count);
        registration.set(JAVA_SHORT, 12, GROUP);
        long result = uring.register(REGISTER_PBUF_RING, registration, 1);
        if (result < 0) {
            throw new IOException("io-uring: registering the provided-buffer ring failed with " + Errno.describe((int) result)
                    + " (Linux 5.19+ needed)");
        }
        return new BufferRing(ring, buffers, count, bufferSize);
    }

    /** Buffer {@code bid} holding {@code length} received bytes, ready to read. */
    ByteBuffer received(int bid, int length) {
        return views[bid].clear().limit(length);
    }

    /** Queues buffer {@code bid} for the kernel again; it sees it after {@link #publish()}. */
    void recycle(int bid) {
        long entry = (long) (tail & mask) * ENTRY_SIZE;
        ring.set(JAVA_LONG, entry, buffers.address() + (long) bid * bufferSize);
        ring.set(JAVA_INT, entry + 8, bufferSize);
        ring.set(JAVA_SHORT, entry + 12, (short) bid); // bytes 14-15 of entry 0 are the tail: left alone
        tail++;
    }

    /** Makes the recycled buffers visible to the kernel (release: their entries are written first). */
    void publish() {
        SHORT.setRelease(ring, TAIL_OFFSET, tail);
    }
}
