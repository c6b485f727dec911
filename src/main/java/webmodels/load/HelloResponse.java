package webmodels.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds and checks one response to {@code GET /} at the start of a byte array, without
 * allocating: the raw clients ({@link RawHttpClient}, {@link SelectorClient}) read into an array
 * and ask this whether the response is complete, how long it is and whether the server will
 * close the connection after it.
 *
 * <p>{@link #complete} either returns false (more bytes are needed), or true for a whole
 * {@code 200} whose body is {@code Hello World}, or throws a {@link RequestFailedException} naming
 * the {@link Failure}. One instance per connection's buffer; not thread-safe.
 */
final class HelloResponse {

    private static final byte[] EXPECTED_BODY = "Hello World".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "close".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

    private final byte[] buffer;
    private int length;
    private boolean serverCloses;

    /** @param buffer where the client reads the response into, from index 0 */
    HelloResponse(byte[] buffer) {
        this.buffer = buffer;
    }

    /**
     * The one response in flight after a read of {@code n} bytes left {@code filled} in the buffer:
     * false while it is incomplete; throws when the server closed before its end, or sent bytes
     * after it (one request in flight: the server had no reason to send more).
     */
    boolean completeAfterRead(int n, int filled) throws RequestFailedException {
        if (n < 0) {
            throw new RequestFailedException(Failure.CLOSED_EARLY, filled == 0
                    ? "connection closed before any response" : "connection closed after " + filled + " bytes of the response");
        }
        if (!complete(filled)) {
            return false;
        }
        if (filled > length) {
            throw new RequestFailedException(Failure.OTHER, (filled - length) + " unexpected bytes after the response");
        }
        return true;
    }

    /**
     * Whether {@code buffer[0, filled)} starts with a whole response; when it does, the response
     * has been checked, and {@link #length()} and {@link #serverCloses()} describe it.
     *
     * @throws RequestFailedException when what arrived is not {@code 200 Hello World}, or a head
     *                                does not fit in the buffer
     */
    boolean complete(int filled) throws RequestFailedException {
        int headEnd = headEnd(filled);
        if (headEnd < 0) {
            if (filled == buffer.length) {
                throw new RequestFailedException(Failure.OTHER, "response head larger than " + buffer.length + " bytes");
            }
            return false;
        }
        int status = status(headEnd);
        if (status != 200) {
            throw new RequestFailedException(Failure.NON_200, "status " + status);
        }
        int contentLength = -1;
        boolean closes = false;
        int line = lineEnd(0, headEnd) + 2;
        while (line < headEnd - 2) {
            int end = lineEnd(line, headEnd);
            int colon = indexOf((byte) ':', line, end);
            if (colon < 0) {
                throw new RequestFailedException(Failure.OTHER, "header line without a colon");
            }
            if (equalsIgnoreCase(line, colon, CONTENT_LENGTH)) {
                contentLength = parseLength(colon + 1, end);
            } else if (equalsIgnoreCase(line, colon, CONNECTION)) {
                closes = containsIgnoreCase(colon + 1, end, CLOSE);
            }
            line = end + 2;
        }
        if (contentLength < 0) {
            throw new RequestFailedException(Failure.OTHER, "200 without a Content-Length");
        }
        if (contentLength != EXPECTED_BODY.length) {
            throw new RequestFailedException(Failure.WRONG_BODY, "body of " + contentLength + " bytes");
        }
        int total = headEnd + contentLength;
        if (total > buffer.length) {
            throw new RequestFailedException(Failure.OTHER, "response larger than " + buffer.length + " bytes");
        }
        if (filled < total) {
            return false;
        }
        if (!Arrays.equals(buffer, headEnd, total, EXPECTED_BODY, 0, EXPECTED_BODY.length)) {
            throw new RequestFailedException(Failure.WRONG_BODY,
                    "body '" + new String(buffer, headEnd, contentLength, StandardCharsets.ISO_8859_1) + "'");
        }
        length = total;
        serverCloses = closes;
        return true;
    }

    /** The whole response's length in bytes; valid after {@link #complete} returned true. */
    int length() {
        return length;
    }

    /** True when the server said it closes the connection after this response ({@code Connection: close}). */
    boolean serverCloses() {
        return serverCloses;
    }

    /**
     * The index just past the blank line ending the head, or -1 when it has not arrived yet. Scans
     * from the start each time: a response this small nearly always arrives in one read.
     */
    private int headEnd(int filled) {
        for (int i = 0; i + 3 < filled; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private int status(int headEnd) throws RequestFailedException {
        // "HTTP/1.1 200 OK": version, one space, three digits, then a space or the line's end
        if (headEnd < 14 || !Arrays.equals(buffer, 0, HTTP_1.length, HTTP_1, 0, HTTP_1.length) || buffer[8] != ' '
                || (buffer[12] != ' ' && buffer[12] != '\r')) {
            throw new RequestFailedException(Failure.OTHER, "malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new RequestFailedException(Failure.OTHER, "malformed status code");
            }
            status = status * 10 + digit;
        }
        return status;
    }

    /** The index of the CR of the CRLF ending the line that starts at {@code from}. */
    private int lineEnd(int from, int headEnd) {
        int i = from;
        while (i < headEnd - 1 && !(buffer[i] == '\r' && buffer[i + 1] == '\n')) {
            i++;
        }
        return i;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean equalsIgnoreCase(int from, int to, byte[] lowerCase) {
        if (to - from != lowerCase.length) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            if (toLower(buffer[from + i]) != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(int from, int to, byte[] lowerCase) {
        for (int start = from; start + lowerCase.length <= to; start++) {
            if (equalsIgnoreCase(start, start + lowerCase.length, lowerCase)) {
                return true;
            }
        }
        return false;
    }

    private int parseLength(int from, int to) throws RequestFailedException {
        while (from < to && (buffer[from] == ' ' || buffer[from] == '\t')) {
            from++;
        }
        while (to > from && (buffer[to - 1] == ' ' || buffer[to - 1] == '\t')) {
            to--;
        }
        if (from == to || to - from > 9) {
            throw new RequestFailedException(Failure.OTHER, "malformed Content-Length");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new RequestFailedException(Failure.OTHER, "malformed Content-Length");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static byte toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
}
