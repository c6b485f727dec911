package webmodels.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.http.Wire.bytes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestParserTest {

    private static final String GET = """
            GET /hello?x=1 HTTP/1.1
            Host: localhost

            """;

    private final RequestParser parser = new RequestParser(Limits.DEFAULT);

    @Test
    void parsesARequestInOneRead() throws HttpException {
        ByteBuffer in = bytes(GET);
        Request request = parser.parse(in);
        assertEquals(new Request("GET", "/hello?x=1", true, true, 0), request);
        assertFalse(in.hasRemaining());
        assertFalse(parser.inRequest());
    }

    @Test
    void parsesARequestArrivingByteByByte() throws HttpException {
        ByteBuffer all = bytes(GET);
        Request request = null;
        while (all.hasRemaining()) {
            assertNull(request, "a request returned before its last byte");
            ByteBuffer one = ByteBuffer.wrap(new byte[] {all.get()});
            request = parser.parse(one);
            assertFalse(one.hasRemaining());
            assertEquals(request == null, parser.inRequest());
        }
        assertEquals(new Request("GET", "/hello?x=1", true, true, 0), request);
    }

    @Test
    void leavesTheNextRequestOfTheSameReadInTheBuffer() throws HttpException {
        ByteBuffer in = bytes(GET + """
                HEAD /second HTTP/1.1
                Host: localhost

                """);
        assertEquals("/hello?x=1", parser.parse(in).target());
        assertEquals('H', in.get(in.position()), "positioned just after the first request");
        Request second = parser.parse(in);
        assertEquals("/second", second.target());
        assertTrue(second.isHead());
        assertFalse(in.hasRemaining());
    }

    @Test
    void parsesPipelinedRequestsSplitAtAnyByte() throws HttpException {
        byte[] pipeline = bytes(GET + GET + GET).array();
        for (int split = 1; split < pipeline.length; split++) {
            RequestParser fresh = new RequestParser(Limits.DEFAULT);
            List<Request> requests = new ArrayList<>();
            parseAll(fresh, ByteBuffer.wrap(pipeline, 0, split), requests);
            parseAll(fresh, ByteBuffer.wrap(pipeline, split, pipeline.length - split), requests);
            assertEquals(3, requests.size(), "split at byte " + split);
        }
    }

    @Test
    void ignoresEmptyLinesBeforeTheRequestLine() throws HttpException {
        ByteBuffer in = bytes("\n\n" + GET);
        assertEquals("/hello?x=1", parser.parse(in).target());
    }

    @Test
    void emptyLinesAloneAreNotARequestInProgress() throws HttpException {
        // A stray CRLF after a request (old clients send one after a POST body) leaves the
        // connection idle: its timeout must close it silently, not answer 408.
        assertNull(parser.parse(bytes("\n\n")));
        assertFalse(parser.inRequest());
        assertNull(parser.parse(bytes("G")));
        assertTrue(parser.inRequest());
    }

    @Test
    void http11KeepsAliveUnlessConnectionClose() throws HttpException {
        assertTrue(parseOne(GET).keepAlive());
        assertFalse(parseOne("""
                GET / HTTP/1.1
                Host: localhost
                Connection: close

                """).keepAlive());
        assertFalse(parseOne("""
                GET / HTTP/1.1
                Host: localhost
                connection: Keep-Alive, CLOSE

                """).keepAlive(), "close wins over keep-alive, in any case");
    }

    @Test
    void http10ClosesUnlessConnectionKeepAlive() throws HttpException {
        Request plain = parseOne("""
                GET / HTTP/1.0

                """);
        assertFalse(plain.http11());
        assertFalse(plain.keepAlive());
        assertTrue(parseOne("""
                GET / HTTP/1.0
                Connection: keep-alive

                """).keepAlive());
    }

    @Test
    void answersAHigherHttp1MinorVersionAsHttp11() throws HttpException {
        assertTrue(parseOne("""
                GET / HTTP/1.2
                Host: localhost

                """).http11());
    }

    @Test
    void consumesTheBodySoThatTheNextRequestParsesAtTheRightByte() throws HttpException {
        ByteBuffer in = bytes("""
                POST /form HTTP/1.1
                Host: localhost
                Content-Length: 15

                GET /x HTTP/1.1""" + GET);
        Request post = parser.parse(in);
        assertEquals(new Request("POST", "/form", true, true, 15), post);
        assertEquals("/hello?x=1", parser.parse(in).target(), "the body looked like a request line but is a body");
    }

    @Test
    void consumesABodySplitAcrossReads() throws HttpException {
        assertNull(parser.parse(bytes("""
                POST / HTTP/1.1
                Host: localhost
                Content-Length: 10

                01234""")));
        assertTrue(parser.inRequest());
        assertNull(parser.parse(bytes("567")));
        ByteBuffer rest = bytes("89" + GET);
        assertEquals("POST", parser.parse(rest).method());
        assertFalse(parser.inRequest());
        assertEquals("GET", parser.parse(rest).method());
    }

    @Test
    void acceptsRepeatedIdenticalContentLengths() throws HttpException {
        assertEquals(2, parseOne("""
                POST / HTTP/1.1
                Host: localhost
                Content-Length: 2
                Content-Length: 2

                ok""").contentLength());
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws HttpException {
        RequestParser small = new RequestParser(new Limits(2048, 8192, 100, 4, Limits.DEFAULT.requestTimeout()));
        assertNotNull(small.parse(bytes("""
                POST / HTTP/1.1
                Host: localhost
                Content-Length: 4

                body""")));
    }

    @Test
    void acceptsHttp10WithoutHost() throws HttpException {
        assertEquals("GET", parseOne("""
                GET / HTTP/1.0

                """).method());
    }

    @Test
    void acceptsAnyTokenAsMethodForTheHandlerToJudge() throws HttpException {
        assertEquals("BREW", parseOne("""
                BREW /pot HTTP/1.1
                Host: localhost

                """).method());
    }

    private static final String CHUNKED_POST = """
            POST /upload HTTP/1.1
            Host: localhost
            Transfer-Encoding: chunked

            """;

    @Test
    void decodesAChunkedBody() throws HttpException {
        Request request = parseOne(CHUNKED_POST + """
                5
                hello
                6
                 world
                0

                """);
        assertEquals(new Request("POST", "/upload", true, true, 11), request);
        assertFalse(parser.inRequest());
    }

    @Test
    void parsesAChunkedBodyAndTheRequestAfterItSplitAtEveryByte() throws HttpException {
        // Chunk data that looks like a request and like a chunk-size line, then a pipelined GET.
        String body = "10;ext=\"a;b\"\r\nGET / HTTP/1.1\r\n\r\n3\r\n0\r\n\r\n0\r\nX-Trailer: t\r\n\r\n";
        byte[] pipeline = (Wire.crlf(CHUNKED_POST) + body + Wire.crlf(GET)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int postLength = Wire.crlf(CHUNKED_POST).length() + body.length();
        for (int split = 1; split < pipeline.length; split++) {
            RequestParser fresh = new RequestParser(Limits.DEFAULT);
            List<Request> requests = new ArrayList<>();
            parseAll(fresh, ByteBuffer.wrap(pipeline, 0, split), requests);
            assertEquals(split < postLength ? 0 : 1, requests.size(), "split at byte " + split);
            parseAll(fresh, ByteBuffer.wrap(pipeline, split, pipeline.length - split), requests);
            assertEquals(List.of(new Request("POST", "/upload", true, true, 19), new Request("GET", "/hello?x=1", true, true, 0)),
                    requests, "split at byte " + split);
        }
        List<Request> byteByByte = new ArrayList<>();
        for (byte b : pipeline) {
            parseAll(parser, ByteBuffer.wrap(new byte[] {b}), byteByByte);
        }
        assertEquals(2, byteByByte.size(), "byte by byte");
    }

    @Test
    void ignoresChunkExtensions() throws HttpException {
        assertEquals(5, parseOne(CHUNKED_POST + """
                5;name=value;flag ; quoted="x;y"
                hello
                0 ; last=yes

                """).contentLength());
    }

    @Test
    void readsAndDropsTrailerFields() throws HttpException {
        ByteBuffer in = bytes(CHUNKED_POST + """
                2
                ok
                0
                X-Checksum: abc
                Content-Length: 999

                """ + GET);
        assertEquals(2, parser.parse(in).contentLength());
        assertEquals("/hello?x=1", parser.parse(in).target(), "a trailer must not change the framing");
        assertFalse(in.hasRemaining());
    }

    @Test
    void acceptsHexSizesInEitherCaseWithLeadingZeros() throws HttpException {
        assertEquals(0x1a + 0xB, parseOne(CHUNKED_POST + "00000000000000000000001a\n" + "x".repeat(0x1a) + "\nB\n" + "y".repeat(0xB) + "\n0\n\n")
                .contentLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "Chunked", "CHUNKED", ", chunked", "chunked ,", " ,chunked, "})
    void acceptsChunkedInAnyCaseAmongEmptyListElements(String value) throws HttpException {
        assertEquals(2, parseOne(CHUNKED_POST.replace("chunked", value) + "2\nok\n0\n\n").contentLength());
    }

    @Test
    void acceptsAChunkedBodyOfExactlyTheLimitAndRejectsOneByteMore() throws HttpException {
        Limits four = new Limits(2048, 8192, 100, 4, Limits.DEFAULT.requestTimeout());
        assertNotNull(new RequestParser(four).parse(bytes(CHUNKED_POST + "2\nab\n2\ncd\n0\n\n")));
        // Every chunk is under the limit, their sum is not.
        assertStatus(four, Status.CONTENT_TOO_LARGE, CHUNKED_POST + "2\nab\n2\ncd\n1\ne\n0\n\n");
    }

    @Test
    void rejectsAChunkOverTheLimitBeforeItsDataArrives() {
        RequestParser fresh = new RequestParser(Limits.DEFAULT);
        HttpException e = assertThrows(HttpException.class,
                () -> fresh.parse(bytes(CHUNKED_POST + Long.toHexString(Limits.DEFAULT.maxBodyBytes() + 1) + "\n")));
        assertEquals(Status.CONTENT_TOO_LARGE, e.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "-5", "+5", "5x", "0x5", " 5", "5 5", "5,ext", "\u00b5"})
    void rejectsAMalformedChunkSizeLine(String sizeLine) {
        assertStatus(Status.BAD_REQUEST, CHUNKED_POST + sizeLine + "\nhello\n0\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000000000", "FFFFFFFFFFFFFFFF", "0000123456789abcdef01"})
    void rejectsAChunkSizeThatOverflows(String size) {
        assertStatus(new Limits(2048, 8192, 100, Long.MAX_VALUE, Limits.DEFAULT.requestTimeout()),
                Status.BAD_REQUEST, CHUNKED_POST + size + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "5\r\nhelloX\r\n0\r\n\r\n",      // more data than the size said
            "5\r\nhello\n0\r\n\r\n",          // data ended by a bare LF
            "5\r\nhello0\r\n\r\n",             // data not ended at all
            "5\nhello\r\n0\r\n\r\n",          // size line ended by a bare LF
            "5;a\rb\r\nhello\r\n0\r\n\r\n", // a CR inside the size line
            "0\r\nX-T: v\n\r\n",              // trailer ended by a bare LF
            "0\r\n\n"})                        // last line a bare LF
    void rejectsChunkFramingWithoutItsCrlf(String body) {
        assertRawStatus(Limits.DEFAULT, Status.BAD_REQUEST, Wire.crlf(CHUNKED_POST) + body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip, chunked", "compress,chunked", "x-custom, chunked"})
    void answersAnUnknownTransferCodingBeforeChunkedAsNotImplemented(String value) {
        assertStatus(Status.NOT_IMPLEMENTED, CHUNKED_POST.replace("chunked", value) + "0\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "chunked, gzip", "chunked, chunked", "chunked;q=1", "", "identity"})
    void rejectsATransferEncodingThatDoesNotEndInOneChunked(String value) {
        // RFC 9112, 6.3: the body's length cannot be determined, the server MUST answer 400.
        assertStatus(Status.BAD_REQUEST, CHUNKED_POST.replace("chunked", value) + "0\n\n");
    }

    @Test
    void readsSeveralTransferEncodingLinesAsOneList() {
        assertStatus(Status.BAD_REQUEST, """
                POST / HTTP/1.1
                Host: localhost
                Transfer-Encoding: chunked
                Transfer-Encoding: gzip

                0

                """);
        assertStatus(Status.NOT_IMPLEMENTED, """
                POST / HTTP/1.1
                Host: localhost
                Transfer-Encoding: gzip
                Transfer-Encoding: chunked

                0

                """);
    }

    @Test
    void rejectsTransferEncodingInHttp10() {
        // RFC 9112, 6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing.
        assertStatus(Status.BAD_REQUEST, """
                POST / HTTP/1.0
                Transfer-Encoding: chunked

                0

                """);
    }

    @Test
    void rejectsMalformedOrTooLargeTrailers() {
        assertStatus(Status.BAD_REQUEST, CHUNKED_POST + "0\nno colon\n\n");
        assertStatus(Status.HEADER_FIELDS_TOO_LARGE, CHUNKED_POST + "0\nX-Big: " + "a".repeat(Limits.DEFAULT.maxHeaderBytes()) + "\n\n");
        assertStatus(Status.HEADER_FIELDS_TOO_LARGE, CHUNKED_POST + "0\n" + "X-Many: v\n".repeat(Limits.DEFAULT.maxHeaderCount()) + "\n");
    }

    @Test
    void rejectsEndlessChunkExtensions() {
        // Extensions are ignored, not free: a client could otherwise send them for ever.
        assertStatus(Status.CONTENT_TOO_LARGE, CHUNKED_POST + ("1;" + "e".repeat(100) + "\nx\n").repeat(100) + "0\n\n");
        ByteBuffer endless = bytes(CHUNKED_POST + "1;" + "e".repeat(100_000));
        HttpException e = assertThrows(HttpException.class, () -> new RequestParser(Limits.DEFAULT).parse(endless));
        assertEquals(Status.CONTENT_TOO_LARGE, e.status());
    }

    @Test
    void rejectsContentLengthWithTransferEncoding() {
        assertStatus(Status.BAD_REQUEST, """
                POST / HTTP/1.1
                Host: localhost
                Content-Length: 5
                Transfer-Encoding: chunked

                """);
    }

    @Test
    void rejectsTransferEncodingWithContentLengthInEitherOrder() {
        assertStatus(Status.BAD_REQUEST, """
                POST / HTTP/1.1
                Host: localhost
                Transfer-Encoding: chunked
                Content-Length: 5

                0

                """);
    }

    @Test
    void rejectsConflictingContentLengths() {
        assertStatus(Status.BAD_REQUEST, """
                POST / HTTP/1.1
                Host: localhost
                Content-Length: 5
                Content-Length: 6

                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "+5", "5 5", "0x10", "1,1", ""})
    void rejectsAContentLengthThatIsNotANumber(String value) {
        assertStatus(Status.BAD_REQUEST, """
                POST / HTTP/1.1
                Host: localhost
                Content-Length: %s

                """.formatted(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /",                    // no version (HTTP/0.9 style)
            "GET / HTTP/1.1 extra",     // three spaces
            "GET  / HTTP/1.1",          // empty target
            " / HTTP/1.1",              // empty method
            "GE(T / HTTP/1.1",          // method not a token
            "GET /a\u0001b HTTP/1.1",   // control byte in the target
            "GET /caf\u00e9 HTTP/1.1",  // byte above 0x7f in the target
            "GET\t/ HTTP/1.1",
            "garbage"})
    void rejectsAMalformedRequestLine(String requestLine) {
        assertStatus(Status.BAD_REQUEST, requestLine + "\nHost: localhost\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1", "HTTP/1.", "HTTP/11", "HTTP/1.1x", "http/1.1", "HTTP/a.b", "HTTP/1.10", "HTTPS/1.1"})
    void rejectsAMalformedVersion(String version) {
        assertStatus(Status.BAD_REQUEST, "GET / " + version + "\nHost: localhost\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/0.9", "HTTP/3.0"})
    void rejectsAnotherMajorVersionAsNotSupported(String version) {
        assertStatus(Status.HTTP_VERSION_NOT_SUPPORTED, "GET / " + version + "\nHost: localhost\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "NoColon",
            ": no name",
            "Bad Name: value",
            "Bad(Name): value",
            "X-Control: a\u0001b",
            "X-Delete: a\u007fb"})
    void rejectsAMalformedHeader(String header) {
        assertStatus(Status.BAD_REQUEST, "GET / HTTP/1.1\nHost: localhost\n" + header + "\n\n");
    }

    @Test
    void rejectsWhitespaceBeforeTheColon() {
        assertStatus(Status.BAD_REQUEST, """
                GET / HTTP/1.1
                Host : localhost

                """);
    }

    @Test
    void rejectsObsoleteLineFolding() {
        assertStatus(Status.BAD_REQUEST, """
                GET / HTTP/1.1
                Host: localhost
                X-Folded: first
                  continued

                """);
        assertStatus(Status.BAD_REQUEST, "GET / HTTP/1.1\nHost: localhost\nX-Folded: first\n\tcontinued\n\n");
    }

    @Test
    void rejectsHttp11WithoutHost() {
        assertStatus(Status.BAD_REQUEST, """
                GET / HTTP/1.1
                Accept: */*

                """);
    }

    @Test
    void rejectsTwoHosts() {
        assertStatus(Status.BAD_REQUEST, """
                GET / HTTP/1.1
                Host: a
                Host: b

                """);
    }

    @Test
    void rejectsATargetOverTheLimit() {
        String target = "/" + "a".repeat(Limits.DEFAULT.maxTargetLength());
        assertStatus(Status.URI_TOO_LONG, "GET " + target + " HTTP/1.1\nHost: localhost\n\n");
    }

    @Test
    void acceptsATargetOfExactlyTheLimit() throws HttpException {
        String target = "/" + "a".repeat(Limits.DEFAULT.maxTargetLength() - 1);
        assertEquals(target, parseOne("GET " + target + " HTTP/1.1\nHost: localhost\n\n").target());
    }

    @Test
    void rejectsAnEndlessRequestLineBeforeItsEnd() {
        // No LF ever comes: the parser must not buffer without bound while it waits for one.
        ByteBuffer endless = bytes("GET /" + "a".repeat(100_000));
        HttpException e = assertThrows(HttpException.class, () -> parser.parse(endless));
        assertEquals(Status.URI_TOO_LONG, e.status());
    }

    @Test
    void rejectsAHeaderSectionOverTheLimit() {
        assertStatus(Status.HEADER_FIELDS_TOO_LARGE,
                "GET / HTTP/1.1\nHost: localhost\nX-Big: " + "a".repeat(Limits.DEFAULT.maxHeaderBytes()) + "\n\n");
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\nHost: localhost\n");
        for (int i = 0; i < 90; i++) {
            many.append("X-Field-").append(i).append(": ").append("v".repeat(100)).append('\n');
        }
        assertStatus(Status.HEADER_FIELDS_TOO_LARGE, many.append('\n').toString());
    }

    @Test
    void rejectsAnEndlessHeaderLineBeforeItsEnd() {
        ByteBuffer endless = bytes("GET / HTTP/1.1\nX-Endless: " + "a".repeat(100_000));
        HttpException e = assertThrows(HttpException.class, () -> parser.parse(endless));
        assertEquals(Status.HEADER_FIELDS_TOO_LARGE, e.status());
    }

    @Test
    void rejectsTooManyHeaders() {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\nHost: localhost\n");
        for (int i = 1; i < Limits.DEFAULT.maxHeaderCount(); i++) {
            request.append("X-").append(i).append(": v\n");
        }
        String atTheLimit = request + "\n";
        String overTheLimit = request + "X-One-More: v\n\n";
        try {
            assertNotNull(new RequestParser(Limits.DEFAULT).parse(bytes(atTheLimit)));
        } catch (HttpException e) {
            throw new AssertionError("exactly maxHeaderCount headers must pass, got " + e.status(), e);
        }
        assertStatus(Status.HEADER_FIELDS_TOO_LARGE, overTheLimit);
    }

    @Test
    void rejectsABodyOverTheLimit() {
        assertStatus(Status.CONTENT_TOO_LARGE, """
                POST / HTTP/1.1
                Host: localhost
                Content-Length: %d

                """.formatted(Limits.DEFAULT.maxBodyBytes() + 1));
        assertStatus(Status.CONTENT_TOO_LARGE, """
                POST / HTTP/1.1
                Host: localhost
                Content-Length: 99999999999999999999999

                """);
    }

    private Request parseOne(String raw) throws HttpException {
        ByteBuffer in = bytes(raw);
        Request request = parser.parse(in);
        assertNotNull(request, "incomplete request");
        assertFalse(in.hasRemaining(), "bytes left after the request");
        return request;
    }

    private static void parseAll(RequestParser parser, ByteBuffer in, List<Request> into) throws HttpException {
        Request request;
        while ((request = parser.parse(in)) != null) {
            into.add(request);
        }
    }

    /** The request is rejected with {@code expected}, whether it arrives in one read or byte by byte. */
    private static void assertStatus(Status expected, String raw) {
        assertStatus(Limits.DEFAULT, expected, raw);
    }

    /** As {@link #assertStatus(Status, String)}, under {@code limits}. */
    private static void assertStatus(Limits limits, Status expected, String raw) {
        assertRawStatus(limits, expected, Wire.crlf(raw));
    }

    /** As {@link #assertStatus(Status, String)} for bytes sent as they are, LF not turned into CRLF. */
    private static void assertRawStatus(Limits limits, Status expected, String wire) {
        byte[] raw = wire.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpException whole = assertThrows(HttpException.class, () -> parseAll(new RequestParser(limits), ByteBuffer.wrap(raw), new ArrayList<>()));
        assertEquals(expected, whole.status(), whole.getMessage());
        RequestParser byteByByte = new RequestParser(limits);
        ByteBuffer all = ByteBuffer.wrap(raw);
        HttpException split = assertThrows(HttpException.class, () -> {
            while (all.hasRemaining()) {
                byteByByte.parse(ByteBuffer.wrap(new byte[] {all.get()}));
            }
        });
        assertEquals(expected, split.status(), "byte by byte: " + split.getMessage());
    }
}
