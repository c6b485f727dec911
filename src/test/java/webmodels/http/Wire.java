package webmodels.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Raw HTTP for the codec tests: text blocks are written with LF, the wire wants CRLF. */
final class Wire {

    private Wire() {
    }

    static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(crlf(text).getBytes(StandardCharsets.ISO_8859_1));
    }

    static String text(OutBuffer out) {
        return new String(out.array(), 0, out.size(), StandardCharsets.ISO_8859_1);
    }
}
