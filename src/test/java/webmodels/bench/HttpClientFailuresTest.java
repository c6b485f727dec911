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
import webmodels.load.Failure;

class HttpClientFailuresTest {

    @Test
    void refusedConnectionsAreRefused() {
        assertEquals(Failure.REFUSED, HttpClientFailures.classify(new ConnectException("Connection refused")));
        assertEquals(Failure.REFUSED, HttpClientFailures.classify(new HttpHostConnectException("Connect to http://127.0.0.1:1 failed")));
    }

    @Test
    void resetAndBrokenPipeAreResets() {
        assertEquals(Failure.RESET, HttpClientFailures.classify(new SocketException("Connection reset")));
        assertEquals(Failure.RESET, HttpClientFailures.classify(new SocketException("Connection reset by peer")));
        assertEquals(Failure.RESET, HttpClientFailures.classify(new SocketException("Broken pipe")));
    }

    @Test
    void everyKindOfTimeoutIsATimeout() {
        assertEquals(Failure.TIMEOUT, HttpClientFailures.classify(new SocketTimeoutException("Read timed out")));
        assertEquals(Failure.TIMEOUT, HttpClientFailures.classify(new ConnectTimeoutException("Connect to 127.0.0.1:1 timed out")));
        assertEquals(Failure.TIMEOUT, HttpClientFailures.classify(new ConnectionRequestTimeoutException("Timeout waiting for connection")));
    }

    @Test
    void aConnectionClosedBeforeTheResponseIsClosedEarly() {
        assertEquals(Failure.CLOSED_EARLY, HttpClientFailures.classify(new NoHttpResponseException("127.0.0.1:80 failed to respond")));
        assertEquals(Failure.CLOSED_EARLY, HttpClientFailures.classify(new ConnectionClosedException("Premature end of Content-Length delimited message body")));
    }

    @Test
    void theCauseDecidesWhenTheExceptionIsAWrapper() {
        assertEquals(Failure.RESET, HttpClientFailures.classify(new IOException("wrapped", new SocketException("Connection reset"))));
        assertEquals(Failure.TIMEOUT, HttpClientFailures.classify(new RuntimeException(new SocketTimeoutException())));
    }

    @Test
    void anythingElseIsOther() {
        assertEquals(Failure.OTHER, HttpClientFailures.classify(new BindException("Cannot assign requested address")));
        assertEquals(Failure.OTHER, HttpClientFailures.classify(new SocketException("Socket closed")));
        assertEquals(Failure.OTHER, HttpClientFailures.classify(new ClientProtocolException(new ProtocolException("Invalid status line"))));
        assertEquals(Failure.OTHER, HttpClientFailures.classify(new IllegalStateException("Connection pool shut down")));
        assertEquals(Failure.OTHER, HttpClientFailures.classify(new SocketException((String) null)));
    }
}
