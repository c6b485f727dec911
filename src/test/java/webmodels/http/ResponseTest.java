package webmodels.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.http.Wire.crlf;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResponseTest {

    private final Response hello = new Response(Status.OK, "Hello World");

    @Test
    void encodesEveryFraming() {
        String head = crlf("""
                HTTP/1.1 200 OK
                Content-Type: text/plain
                Content-Length: 11
                """);
        assertEquals(head + "\r\nHello World", text(hello.bytes(false, Response.Framing.KEEP_ALIVE_HTTP11)));
        assertEquals(head + "Connection: keep-alive\r\n\r\nHello World", text(hello.bytes(false, Response.Framing.KEEP_ALIVE_HTTP10)));
        assertEquals(head + "Connection: close\r\n\r\nHello World", text(hello.bytes(false, Response.Framing.CLOSE)));
    }

    @Test
    void headOnlyKeepsTheContentLengthOfTheBody() {
        for (Response.Framing framing : Response.Framing.values()) {
            String head = text(hello.bytes(true, framing));
            assertTrue(head.contains("\r\nContent-Length: 11\r\n"), head);
            assertTrue(head.endsWith("\r\n\r\n"), head);
        }
    }

    @Test
    void countsTheContentLengthInBytesNotCharacters() {
        String head = text(new Response(Status.OK, "h\u00e9llo").bytes(true, Response.Framing.CLOSE));
        assertTrue(head.contains("\r\nContent-Length: 6\r\n"), head);
    }

    @Test
    void hasAClosingErrorResponseForEveryErrorStatus() {
        for (Status status : Status.values()) {
            if (status == Status.OK) {
                continue;
            }
            Response error = Response.error(status);
            assertEquals(status, error.status());
            String text = text(error.bytes(false, Response.Framing.CLOSE));
            assertTrue(text.startsWith("HTTP/1.1 " + status.code + " " + status.reason + "\r\n"), text);
            assertTrue(text.contains("\r\nConnection: close\r\n"), text);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
