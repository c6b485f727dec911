package webmodels.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.http.Wire.crlf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stream form of the blocking loop, which the process models run over a child's stdin and stdout. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BlockingConnectionTest {

    private static final String GET = """
            GET / HTTP/1.1
            Host: localhost

            """;
    private static final String HELLO = crlf("""
            HTTP/1.1 200 OK
            Content-Type: text/plain
            Content-Length: 11

            Hello World""");

    @Test
    void servesEveryRequestUntilTheStreamEnds() throws IOException {
        assertEquals(HELLO.repeat(3), serve(GET + GET + GET, false));
    }

    @Test
    void stopsAfterAResponseThatCloses() throws IOException {
        String response = serve("GET / HTTP/1.0\n\n" + GET, false);
        assertTrue(response.endsWith("Connection: close\r\n\r\nHello World"), response);
        assertEquals(1, response.split("HTTP/1.1 ").length - 1, response);
    }

    @Test
    void closesAfterEachResponseWhenToldTo() throws IOException {
        String response = serve(GET + GET, true);
        assertTrue(response.endsWith("Connection: close\r\n\r\nHello World"), response);
        assertEquals(1, response.split("HTTP/1.1 ").length - 1, response);
    }

    @Test
    void answersBadInputAndStops() throws IOException {
        String response = serve(GET + "GET / HTTP/2.0\nHost: x\n\n" + GET, false);
        assertTrue(response.startsWith(HELLO + "HTTP/1.1 505 "), response);
        assertEquals(2, response.split("HTTP/1.1 ").length - 1, response);
    }

    @Test
    void answersNothingToAStreamThatEndsInTheMiddleOfARequest() throws IOException {
        assertEquals("", serve("GET / HTTP/1.1\nHo", false));
    }

    private static String serve(String input, boolean closeAfterEachResponse) throws IOException {
        BlockingConnection connection = new BlockingConnection(new HelloHandler(Work.NONE), Limits.DEFAULT, closeAfterEachResponse);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        connection.serve(new ByteArrayInputStream(crlf(input).getBytes(StandardCharsets.ISO_8859_1)), out, null);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
