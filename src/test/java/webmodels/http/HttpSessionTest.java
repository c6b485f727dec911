package webmodels.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.http.Wire.bytes;
import static webmodels.http.Wire.crlf;
import static webmodels.http.Wire.text;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpSessionTest {

    private static final String HELLO = crlf("""
            HTTP/1.1 200 OK
            Content-Type: text/plain
            Content-Length: 11

            Hello World""");
    private static final String HELLO_CLOSE = crlf("""
            HTTP/1.1 200 OK
            Content-Type: text/plain
            Content-Length: 11
            Connection: close

            Hello World""");
    private static final String GET = """
            GET / HTTP/1.1
            Host: localhost

            """;

    private final HttpSession session = new HttpSession(new HelloHandler(Work.NONE), Limits.DEFAULT, false);
    private final OutBuffer out = new OutBuffer(16);

    @Test
    void answersARequestAndKeepsTheConnection() {
        assertFalse(session.process(bytes(GET), out));
        assertEquals(HELLO, text(out));
        assertFalse(session.inRequest());
    }

    @Test
    void answersPipelinedRequestsInOrder() {
        assertFalse(session.process(bytes(GET + GET + GET), out));
        assertEquals(HELLO.repeat(3), text(out));
    }

    @Test
    void waitsForTheRestOfARequestArrivingByteByByte() {
        ByteBuffer all = bytes(GET);
        while (all.hasRemaining()) {
            assertTrue(out.isEmpty(), "answered before the request was complete");
            assertFalse(session.process(ByteBuffer.wrap(new byte[] {all.get()}), out));
        }
        assertEquals(HELLO, text(out));
    }

    @Test
    void connectionCloseClosesAfterTheResponse() {
        boolean close = session.process(bytes("""
                GET / HTTP/1.1
                Host: localhost
                Connection: close

                """ + GET), out);
        assertTrue(close);
        assertEquals(HELLO_CLOSE, text(out), "one response, and none for the request after the close");
        assertFalse(session.failed());
    }

    @Test
    void http10ClosesByDefault() {
        assertTrue(session.process(bytes("""
                GET / HTTP/1.0

                """), out));
        assertEquals(HELLO_CLOSE, text(out));
    }

    @Test
    void http10KeepsAliveWhenAskedAndSaysSo() {
        assertFalse(session.process(bytes("""
                GET / HTTP/1.0
                Connection: keep-alive

                """), out));
        assertEquals(crlf("""
                HTTP/1.1 200 OK
                Content-Type: text/plain
                Content-Length: 11
                Connection: keep-alive

                Hello World"""), text(out));
    }

    @Test
    void answersHeadWithoutTheBodyButWithItsLength() {
        assertFalse(session.process(bytes("""
                HEAD / HTTP/1.1
                Host: localhost

                """ + GET), out));
        String head = crlf("""
                HTTP/1.1 200 OK
                Content-Type: text/plain
                Content-Length: 11

                """);
        assertEquals(head + HELLO, text(out));
    }

    @Test
    void answersPostAndTheRequestPipelinedAfterItsBody() {
        assertFalse(session.process(bytes("""
                POST / HTTP/1.1
                Host: localhost
                Content-Length: 4

                ab""") , out));
        assertTrue(session.inRequest());
        assertTrue(out.isEmpty());
        assertFalse(session.process(bytes("cd" + GET), out));
        assertEquals(HELLO + HELLO, text(out));
    }

    @Test
    void closeAfterEachResponseClosesEvenAKeepAliveRequest() {
        HttpSession closing = new HttpSession(new HelloHandler(Work.NONE), Limits.DEFAULT, true);
        assertTrue(closing.process(bytes(GET + GET), out));
        assertEquals(HELLO_CLOSE, text(out));
    }

    @Test
    void answersBadInputWithItsStatusAndCloses() {
        assertTrue(session.process(bytes("""
                GET / HTTP/2.0
                Host: localhost

                """), out));
        assertTrue(session.failed());
        String response = text(out);
        assertTrue(response.startsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n"), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
    }

    @Test
    void answersTheGoodRequestsBeforeTheBadOne() {
        assertTrue(session.process(bytes(GET + "BAD\n\n"), out));
        String response = text(out);
        assertTrue(response.startsWith(HELLO + "HTTP/1.1 400 Bad Request\r\n"), response);
    }

    @Test
    void answersAnUnknownMethodWith501AndCloses() {
        assertTrue(session.process(bytes("""
                DELETE / HTTP/1.1
                Host: localhost

                """ + GET), out));
        String response = text(out);
        assertTrue(response.startsWith("HTTP/1.1 501 Not Implemented\r\n"), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
        assertEquals(1, response.split("HTTP/1.1 ").length - 1, "nothing answered after the 501");
    }

    @Test
    void answersAnErrorToHeadWithoutABody() {
        assertTrue(session.process(bytes("""
                HEAD / HTTP/1.1

                """), out));
        String response = text(out);
        assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\n"), "a response to HEAD carries no body: " + response);
    }

    @Test
    void timeoutOfAHalfSentRequestAnswers408() {
        assertFalse(session.process(bytes("GET / HTTP/1.1\nHo"), out));
        assertTrue(session.inRequest());
        session.onTimeout(out);
        String response = text(out);
        assertTrue(response.startsWith("HTTP/1.1 408 Request Timeout\r\n"), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
    }

    @Test
    void timeoutOfAHalfSentBodyAnswers408() {
        assertFalse(session.process(bytes("""
                POST / HTTP/1.1
                Host: localhost
                Content-Length: 10

                12345"""), out));
        session.onTimeout(out);
        assertTrue(text(out).startsWith("HTTP/1.1 408 "), text(out));
    }

    @Test
    void timeoutOfAnIdleConnectionAnswersNothing() {
        session.onTimeout(out);
        assertTrue(out.isEmpty(), "never sent anything");
        assertFalse(session.process(bytes(GET), out));
        out.clear();
        session.onTimeout(out);
        assertTrue(out.isEmpty(), "idle after a complete request");
    }
}
