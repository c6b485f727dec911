package webmodels.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte buffer that collects the responses of one read, pipelined ones included. */
public final class OutBuffer {
    private byte[] bytes;
    private int size;
    private ByteBuffer view;

    public OutBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
        view = ByteBuffer.wrap(bytes);
    }

    public void put(byte[] data) {
        if (size + data.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + data.length, bytes.length * 2));
            view = ByteBuffer.wrap(bytes);
        }
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
    }

    public byte[] array() {
        return bytes;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The collected bytes as a buffer ready to be written; it stays valid until the next put. */
    public ByteBuffer flip() {
        return view.clear().limit(size);
    }

    public void clear() {
        size = 0;
    }
}
