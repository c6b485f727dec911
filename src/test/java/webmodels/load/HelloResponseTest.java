package webmodels.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelloResponseTest {

    private static final String HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nHello World";

    @Test
    void incompleteUntilTheLastByteOfTheBody() throws Exception {
        byte[] buffer = new byte[256];
        HelloResponse response = new HelloResponse(buffer);
        int length = put(buffer, HELLO);
        for (int filled = 0; filled < length; filled++) {
            assertFalse(response.complete(filled), "complete after " + filled + " bytes");
        }
        assertTrue(response.complete(length));
        assertEquals(length, response.length());
        assertFalse(response.serverCloses());
    }

    @Test
    void seesConnectionClose() throws Exception {
        byte[] buffer = new byte[256];
        HelloResponse response = new HelloResponse(buffer);
        int length = put(buffer, "HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 11\r\n\r\nHello World");
        assertTrue(response.complete(length));
        assertTrue(response.serverCloses());
    }

    @Test
    void moreBytesThanTheResponseLeaveItsLengthExact() throws Exception {
        byte[] buffer = new byte[256];
        HelloResponse response = new HelloResponse(buffer);
        int length = put(buffer, HELLO + "HTTP/1.1");
        assertTrue(response.complete(length));
        assertEquals(HELLO.length(), response.length());
    }

    @Test
    void aHeadThatCannotFitIsAFailureNotAWait() {
        byte[] buffer = new byte[64];
        HelloResponse response = new HelloResponse(buffer);
        int length = put(buffer, "HTTP/1.1 200 OK\r\nX-Long: " + "x".repeat(100));
        assertEquals(Failure.OTHER, assertThrows(RequestFailedException.class, () -> response.complete(length)).failure());
    }

    @Test
    void aBodyThatCannotFitIsAFailureNotAWait() {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n";
        byte[] buffer = new byte[head.length() + 5];
        HelloResponse response = new HelloResponse(buffer);
        int length = put(buffer, head + "Hello");
        assertEquals(Failure.OTHER, assertThrows(RequestFailedException.class, () -> response.complete(length)).failure());
    }

    /** Copies as much of the text as fits; returns how much that was. */
    private static int put(byte[] buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(bytes.length, buffer.length);
        System.arraycopy(bytes, 0, buffer, 0, n);
        return n;
    }
}
