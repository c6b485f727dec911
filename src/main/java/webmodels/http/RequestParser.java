package webmodels.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Incremental HTTP/1.x request parser: feed it bytes as they arrive, in pieces of any size, and it
 * returns each request once its head and body are complete. The bytes of a pipelined next request
 * stay in the buffer for the next call.
 *
 * <pre>
 *   REQUEST_LINE --LF--> HEADERS --empty line--> BODY (Content-Length > 0) ----------------> request
 *        ^                  |   |                                                           ^
 *        |                  |   '--empty line, chunked--> CHUNK_SIZE --size > 0--> CHUNK_DATA --> CHUNK_CR --> CHUNK_LF
 *        |                  |                              |   ^------------------------------------------------'
 *        |                  |                              '--size 0--> TRAILERS --empty line----------------> request
 *        |                  '--empty line, no body------------------------------------------------------> request
 *        '-- next request ---------------------------------------------------------------------------------'
 * </pre>
 *
 * <p>A chunked body (RFC 9112, 7.1) is decoded and discarded: chunk extensions are ignored,
 * trailer fields are checked and dropped. Its data counts against {@link Limits#maxBodyBytes()}
 * (413 beyond); its chunk-size lines, extensions included, against {@link Limits#maxHeaderBytes()}
 * (413 beyond: the framing is part of the content); its trailer fields against the header limits,
 * with the header section (431 beyond). Chunk framing is read strictly, every line ending in CRLF:
 * a lenient reading of it is how requests are smuggled past a proxy that reads it otherwise.
 *
 * A parser that has thrown {@link HttpException} must not be used again: the caller answers the
 * exception's status and closes the connection.
 */
public final class RequestParser {

    private enum State { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILERS }

    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] HOST = ascii("host");
    private static final byte[] CHUNKED = ascii("chunked");
    /** Hex digits of a chunk size that fit a long: more (leading zeros apart) overflow. */
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;

    private final Limits limits;
    private byte[] line = new byte[256];
    private int lineLength;
    private State state = State.REQUEST_LINE;
    private boolean inRequest;

    // The request being parsed.
    private String method;
    private String target;
    private boolean http11;
    private int headerBytes;
    private int headerCount;
    private long contentLength;
    private boolean hasContentLength;
    private boolean hasTransferEncoding;
    /** Of the transfer codings listed so far: how many were chunked, whether the last was, whether another was. */
    private int chunkedCodings;
    private boolean lastCodingChunked;
    private boolean otherCoding;
    private long chunkedBodyBytes;
    private int chunkSizeLineBytes;
    private boolean hasHost;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private long bodyRemaining;

    public RequestParser(Limits limits) {
        this.limits = limits;
    }

    /**
     * True once any byte of a request has been consumed and until that request is complete. Empty
     * lines before a request do not count: a connection that sent only those is idle, not slow.
     */
    public boolean inRequest() {
        return inRequest;
    }

    /** True while the request in progress is a HEAD request whose request line has been parsed. */
    public boolean inHeadRequest() {
        return inRequest && "HEAD".equals(method);
    }

    /**
     * Consumes bytes from {@code in} until one request is complete or {@code in} is empty.
     *
     * @return the completed request, with {@code in} positioned just after it; or null when more
     *         bytes are needed, with {@code in} fully consumed
     */
    public Request parse(ByteBuffer in) throws HttpException {
        while (in.hasRemaining()) {
            if (state == State.BODY || state == State.CHUNK_DATA) {
                int skipped = (int) Math.min(bodyRemaining, in.remaining());
                in.position(in.position() + skipped);
                bodyRemaining -= skipped;
                if (bodyRemaining == 0) {
                    if (state == State.BODY) {
                        return complete();
                    }
                    state = State.CHUNK_CR;
                }
                continue;
            }
            if (state == State.CHUNK_CR || state == State.CHUNK_LF) {
                byte expected = state == State.CHUNK_CR ? (byte) '\r' : (byte) '\n';
                if (in.get() != expected) {
                    throw new HttpException(Status.BAD_REQUEST, "chunk data not followed by CRLF");
                }
                state = state == State.CHUNK_CR ? State.CHUNK_LF : State.CHUNK_SIZE;
                continue;
            }
            int start = in.position();
            int end = in.limit();
            int lf = start;
            while (lf < end && in.get(lf) != '\n') {
                lf++;
            }
            appendToLine(in, start, lf - start);
            if (lineLength > 1 || lineLength == 1 && line[0] != '\r') {
                inRequest = true; // more than the CR of an empty line
            }
            if (lf == end) {
                in.position(end);
                return null;
            }
            in.position(lf + 1);
            Request request = onLine();
            if (request != null) {
                return request;
            }
        }
        return null;
    }

    private void appendToLine(ByteBuffer in, int from, int count) throws HttpException {
        int newLength = lineLength + count;
        if (state == State.REQUEST_LINE && newLength > limits.maxRequestLineLength()) {
            throw new HttpException(Status.URI_TOO_LONG, "request line longer than " + limits.maxRequestLineLength());
        }
        if ((state == State.HEADERS || state == State.TRAILERS) && headerBytes + newLength > limits.maxHeaderBytes()) {
            throw new HttpException(Status.HEADER_FIELDS_TOO_LARGE, "header section larger than " + limits.maxHeaderBytes());
        }
        if (state == State.CHUNK_SIZE && chunkSizeLineBytes + newLength > limits.maxHeaderBytes()) {
            throw new HttpException(Status.CONTENT_TOO_LARGE, "chunk-size lines longer than " + limits.maxHeaderBytes() + " in all");
        }
        if (newLength > line.length) {
            line = Arrays.copyOf(line, Math.max(newLength, line.length * 2));
        }
        in.get(from, line, lineLength, count);
        lineLength = newLength;
    }

    /** Handles one complete line (its LF consumed); returns a request when the line ends one. */
    private Request onLine() throws HttpException {
        int length = lineLength;
        boolean crlf = length > 0 && line[length - 1] == '\r';
        if (crlf) {
            length--;
        }
        lineLength = 0;
        if (state == State.CHUNK_SIZE || state == State.TRAILERS) {
            if (!crlf) {
                throw new HttpException(Status.BAD_REQUEST, "chunked body line not ended by CRLF");
            }
            return state == State.CHUNK_SIZE ? onChunkSizeLine(length) : onTrailerLine(length);
        }
        if (state == State.REQUEST_LINE) {
            // A recipient should ignore empty lines before the request line (RFC 9112, 2.2).
            if (length > 0) {
                parseRequestLine(length);
                state = State.HEADERS;
            }
            return null;
        }
        if (length > 0) {
            parseHeader(length);
            return null;
        }
        return endOfHead();
    }

    private void parseRequestLine(int length) throws HttpException {
        int firstSpace = indexOf(line, (byte) ' ', 0, length);
        int secondSpace = firstSpace < 0 ? -1 : indexOf(line, (byte) ' ', firstSpace + 1, length);
        if (firstSpace <= 0 || secondSpace < 0 || indexOf(line, (byte) ' ', secondSpace + 1, length) >= 0) {
            throw new HttpException(Status.BAD_REQUEST, "malformed request line");
        }
        for (int i = 0; i < firstSpace; i++) {
            if (!isTokenChar(line[i])) {
                throw new HttpException(Status.BAD_REQUEST, "malformed method");
            }
        }
        int targetLength = secondSpace - firstSpace - 1;
        if (targetLength == 0) {
            throw new HttpException(Status.BAD_REQUEST, "empty request target");
        }
        if (targetLength > limits.maxTargetLength()) {
            throw new HttpException(Status.URI_TOO_LONG, "request target longer than " + limits.maxTargetLength());
        }
        for (int i = firstSpace + 1; i < secondSpace; i++) {
            if (line[i] <= ' ' || line[i] == 0x7f) { // also rejects bytes >= 0x80, which are negative
                throw new HttpException(Status.BAD_REQUEST, "invalid byte in request target");
            }
        }
        parseVersion(secondSpace + 1, length);
        method = method(firstSpace);
        target = new String(line, firstSpace + 1, targetLength, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void parseVersion(int from, int to) throws HttpException {
        if (to - from != 8 || !startsWith(line, from, "HTTP/") || line[from + 6] != '.'
                || !isDigit(line[from + 5]) || !isDigit(line[from + 7])) {
            throw new HttpException(Status.BAD_REQUEST, "malformed HTTP version");
        }
        if (line[from + 5] != '1') {
            throw new HttpException(Status.HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.x is supported");
        }
        // A higher 1.x minor version is answered as 1.1 (RFC 9110, 6.2).
        http11 = line[from + 7] != '0';
    }

    private String method(int length) {
        if (length == 3 && startsWith(line, 0, "GET")) return "GET";
        if (length == 4 && startsWith(line, 0, "HEAD")) return "HEAD";
        if (length == 4 && startsWith(line, 0, "POST")) return "POST";
        return new String(line, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void parseHeader(int length) throws HttpException {
        int colon = checkFieldLine(length);
        int valueStart = colon + 1;
        int valueEnd = length;
        while (valueStart < valueEnd && isWhitespace(line[valueStart])) valueStart++;
        while (valueEnd > valueStart && isWhitespace(line[valueEnd - 1])) valueEnd--;
        if (nameEquals(colon, CONTENT_LENGTH)) {
            onContentLength(valueStart, valueEnd);
        } else if (nameEquals(colon, TRANSFER_ENCODING)) {
            onTransferEncoding(valueStart, valueEnd);
        } else if (nameEquals(colon, CONNECTION)) {
            onConnection(valueStart, valueEnd);
        } else if (nameEquals(colon, HOST)) {
            if (hasHost) {
                throw new HttpException(Status.BAD_REQUEST, "more than one Host header");
            }
            hasHost = true;
        }
    }

    /**
     * Checks one field line (of the header or the trailer section) of {@code length} bytes and
     * counts it against the limits.
     *
     * @return the index of its colon
     */
    private int checkFieldLine(int length) throws HttpException {
        headerBytes += length + 2;
        if (++headerCount > limits.maxHeaderCount()) {
            throw new HttpException(Status.HEADER_FIELDS_TOO_LARGE, "more than " + limits.maxHeaderCount() + " header fields");
        }
        if (line[0] == ' ' || line[0] == '\t') {
            throw new HttpException(Status.BAD_REQUEST, "obsolete header line folding");
        }
        int colon = indexOf(line, (byte) ':', 0, length);
        if (colon <= 0) {
            throw new HttpException(Status.BAD_REQUEST, "header field without a name");
        }
        for (int i = 0; i < colon; i++) {
            if (!isTokenChar(line[i])) { // includes whitespace before the colon, which RFC 9112 5.1 forbids
                throw new HttpException(Status.BAD_REQUEST, "malformed header field name");
            }
        }
        for (int i = colon + 1; i < length; i++) {
            if ((line[i] < ' ' && line[i] != '\t') || line[i] == 0x7f) {
                throw new HttpException(Status.BAD_REQUEST, "control character in header value");
            }
        }
        return colon;
    }

    private void onContentLength(int from, int to) throws HttpException {
        if (from == to) {
            throw new HttpException(Status.BAD_REQUEST, "empty Content-Length");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(line[i])) {
                throw new HttpException(Status.BAD_REQUEST, "Content-Length is not a number");
            }
            if (value > Long.MAX_VALUE / 10 - 1) {
                throw new HttpException(Status.CONTENT_TOO_LARGE, "Content-Length overflows");
            }
            value = value * 10 + (line[i] - '0');
        }
        if (hasContentLength && value != contentLength) {
            throw new HttpException(Status.BAD_REQUEST, "conflicting Content-Length headers");
        }
        hasContentLength = true;
        contentLength = value;
    }

    private void onConnection(int from, int to) {
        int tokenStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || line[i] == ',') {
                int s = tokenStart;
                int e = i;
                while (s < e && isWhitespace(line[s])) s++;
                while (e > s && isWhitespace(line[e - 1])) e--;
                if (equalsIgnoreCase(s, e, "close")) connectionClose = true;
                if (equalsIgnoreCase(s, e, "keep-alive")) connectionKeepAlive = true;
                tokenStart = i + 1;
            }
        }
    }

    /** Notes the transfer codings of one Transfer-Encoding line; several lines make one list, in order. */
    private void onTransferEncoding(int from, int to) {
        hasTransferEncoding = true;
        int tokenStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || line[i] == ',') {
                int s = tokenStart;
                int e = i;
                while (s < e && isWhitespace(line[s])) s++;
                while (e > s && isWhitespace(line[e - 1])) e--;
                if (s < e) { // empty list elements are allowed, and ignored (RFC 9110, 5.6.1)
                    lastCodingChunked = equalsIgnoreCase(s, e, CHUNKED);
                    if (lastCodingChunked) {
                        chunkedCodings++;
                    } else {
                        otherCoding = true;
                    }
                }
                tokenStart = i + 1;
            }
        }
    }

    /** The framing a Transfer-Encoding header asks for, judged as RFC 9112 (6.1, 6.3) says. */
    private void checkTransferEncoding() throws HttpException {
        if (hasContentLength) {
            // Both framings at once is the classic request-smuggling vector (RFC 9112, 6.1).
            throw new HttpException(Status.BAD_REQUEST, "both Transfer-Encoding and Content-Length");
        }
        if (!http11) {
            throw new HttpException(Status.BAD_REQUEST, "Transfer-Encoding in an HTTP/1.0 request: faulty framing");
        }
        if (!lastCodingChunked || chunkedCodings > 1) {
            // The length of the body cannot be determined: the server MUST answer 400 (RFC 9112, 6.3).
            throw new HttpException(Status.BAD_REQUEST, "chunked is not the last transfer coding, or not the only chunked");
        }
        if (otherCoding) {
            throw new HttpException(Status.NOT_IMPLEMENTED, "a transfer coding other than chunked");
        }
    }

    /** {@code chunk-size [ chunk-ext ]}: the size in hex, then extensions, which are ignored. */
    private Request onChunkSizeLine(int length) throws HttpException {
        chunkSizeLineBytes += length + 2;
        int digits = 0;
        while (digits < length && hexValue(line[digits]) >= 0) {
            digits++;
        }
        if (digits == 0) {
            throw new HttpException(Status.BAD_REQUEST, "malformed chunk size");
        }
        int significant = 0;
        long size = 0;
        for (int i = 0; i < digits; i++) {
            if (size > 0 || line[i] != '0') {
                significant++;
            }
            if (significant > MAX_CHUNK_SIZE_DIGITS) {
                throw new HttpException(Status.BAD_REQUEST, "chunk size overflows");
            }
            size = size * 16 + hexValue(line[i]);
        }
        int rest = digits;
        while (rest < length && isWhitespace(line[rest])) {
            rest++;
        }
        if (rest < length && line[rest] != ';') {
            throw new HttpException(Status.BAD_REQUEST, "malformed chunk size");
        }
        for (int i = rest; i < length; i++) {
            if ((line[i] < ' ' && line[i] != '\t') || line[i] == 0x7f) {
                throw new HttpException(Status.BAD_REQUEST, "control character in a chunk extension");
            }
        }
        if (size == 0) {
            state = State.TRAILERS;
            return null;
        }
        if (size > limits.maxBodyBytes() - chunkedBodyBytes) {
            throw new HttpException(Status.CONTENT_TOO_LARGE, "body larger than " + limits.maxBodyBytes());
        }
        chunkedBodyBytes += size;
        bodyRemaining = size;
        state = State.CHUNK_DATA;
        return null;
    }

    /** A trailer field is checked like a header field, counted with them, and dropped (RFC 9110, 6.5.1). */
    private Request onTrailerLine(int length) throws HttpException {
        if (length == 0) {
            contentLength = chunkedBodyBytes;
            return complete();
        }
        checkFieldLine(length);
        return null;
    }

    private Request endOfHead() throws HttpException {
        if (hasTransferEncoding) {
            checkTransferEncoding();
        }
        if (http11 && !hasHost) {
            throw new HttpException(Status.BAD_REQUEST, "HTTP/1.1 request without Host");
        }
        if (hasTransferEncoding) {
            state = State.CHUNK_SIZE;
            return null;
        }
        if (contentLength > limits.maxBodyBytes()) {
            throw new HttpException(Status.CONTENT_TOO_LARGE, "body larger than " + limits.maxBodyBytes());
        }
        if (contentLength > 0) {
            state = State.BODY;
            bodyRemaining = contentLength;
            return null;
        }
        return complete();
    }

    private Request complete() {
        boolean keepAlive = !connectionClose && (http11 || connectionKeepAlive);
        Request request = new Request(method, target, http11, keepAlive, contentLength);
        state = State.REQUEST_LINE;
        inRequest = false;
        method = null;
        target = null;
        headerBytes = 0;
        headerCount = 0;
        contentLength = 0;
        hasContentLength = false;
        hasTransferEncoding = false;
        chunkedCodings = 0;
        lastCodingChunked = false;
        otherCoding = false;
        chunkedBodyBytes = 0;
        chunkSizeLineBytes = 0;
        hasHost = false;
        connectionClose = false;
        connectionKeepAlive = false;
        return request;
    }

    private boolean nameEquals(int nameLength, byte[] lowerCaseName) {
        return nameLength == lowerCaseName.length && nameEquals(0, nameLength, lowerCaseName);
    }

    /** Whether line[from, to) is {@code lowerCase}, ignoring case; the lengths must already agree. */
    private boolean nameEquals(int from, int to, byte[] lowerCase) {
        for (int i = from; i < to; i++) {
            if (toLower(line[i]) != lowerCase[i - from]) {
                return false;
            }
        }
        return true;
    }

    private boolean equalsIgnoreCase(int from, int to, byte[] lowerCase) {
        return to - from == lowerCase.length && nameEquals(from, to, lowerCase);
    }

    private boolean equalsIgnoreCase(int from, int to, String lowerCase) {
        if (to - from != lowerCase.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (toLower(line[i]) != lowerCase.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int from, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The value of a hex digit, or -1. */
    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || isDigit(b)) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
