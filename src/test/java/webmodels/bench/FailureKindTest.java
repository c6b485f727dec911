package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

    @Test
    void refusedConnectionsAreRefused() {
        assertEquals(FailureKind.REFUSED, FailureKind.of(new ConnectException("Connection refused")));
        assertEquals(FailureKind.REFUSED, FailureKind.of(new HttpHostConnectException("Connect to http://127.0.0.1:1 failed")));
    }

    @Test
    void resetAndBrokenPipeAreResets() {
        assertEquals(FailureKind.RESET, FailureKind.of(new SocketException("Connection reset")));
        assertEquals(FailureKind.RESET, FailureKind.of(new SocketException("Connection reset by peer")));
        assertEquals(FailureKind.RESET, FailureKind.of(new SocketException("Broken pipe")));
    }

    @Test
    void everyKindOfTimeoutIsATimeout() {
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new SocketTimeoutException("Read timed out")));
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new ConnectTimeoutException("Connect to 127.0.0.1:1 timed out")));
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new ConnectionRequestTimeoutException("Timeout waiting for connection")));
    }

    @Test
    void aConnectionClosedBeforeTheResponseIsClosedEarly() {
        assertEquals(FailureKind.CLOSED_EARLY, FailureKind.of(new NoHttpResponseException("127.0.0.1:80 failed to respond")));
        assertEquals(FailureKind.CLOSED_EARLY, FailureKind.of(new ConnectionClosedException("Premature end of Content-Length delimited message body")));
    }

    @Test
    void theCauseDecidesWhenTheExceptionIsAWrapper() {
        assertEquals(FailureKind.RESET, FailureKind.of(new IOException("wrapped", new SocketException("Connection reset"))));
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new RuntimeException(new SocketTimeoutException())));
    }

    @Test
    void anythingElseIsOther() {
        assertEquals(FailureKind.OTHER, FailureKind.of(new BindException("Cannot assign requested address")));
        assertEquals(FailureKind.OTHER, FailureKind.of(new SocketException("Socket closed")));
        assertEquals(FailureKind.OTHER, FailureKind.of(new ClientProtocolException(new ProtocolException("Invalid status line"))));
        assertEquals(FailureKind.OTHER, FailureKind.of(new IllegalStateException("Connection pool shut down")));
        assertEquals(FailureKind.OTHER, FailureKind.of(new SocketException((String) null)));
    }
}
