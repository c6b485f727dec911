package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DeadlineInputStreamTest {

    @Test
    void passesBytesThroughThenTheEnd() throws IOException {
        DeadlineInputStream in = new DeadlineInputStream(new ByteArrayInputStream("hello".getBytes()), Duration.ofSeconds(5));
        assertArrayEquals("hello".getBytes(), in.readAllBytes());
        assertEquals(-1, in.read());
    }

    @Test
    void silenceBeyondTheDeadlineIsASocketTimeout() throws IOException {
        try (PipedOutputStream silent = new PipedOutputStream()) {
            DeadlineInputStream in = new DeadlineInputStream(new PipedInputStream(silent), Duration.ofMillis(100));
            assertThrows(SocketTimeoutException.class, in::read);
        }
    }

    @Test
    void bytesThatArrivedInTimeAreServedAfterTheDeadline() throws Exception {
        try (PipedOutputStream source = new PipedOutputStream()) {
            DeadlineInputStream in = new DeadlineInputStream(new PipedInputStream(source), Duration.ofMillis(100));
            source.write('x');
            source.flush();
            Thread.sleep(300); // past the deadline, with the byte already handed over
            assertEquals('x', in.read());
            assertThrows(SocketTimeoutException.class, in::read);
        }
    }
}
