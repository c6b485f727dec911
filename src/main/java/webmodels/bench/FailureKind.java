package webmodels.bench;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Why a request failed, one kind per failure counter of {@link RequestCounters}. The same kinds as
 * the load drivers' {@code webmodels.load.Failure}, so that both clients count alike.
 */
public enum FailureKind {
    /** An answer other than 200. */
    NON_200,
    /** A 200 whose body is not {@code Hello World}. */
    WRONG_BODY,
    /** Nothing accepted the connection (RST to SYN: no listener, or a full backlog that refuses). */
    REFUSED,
    /** The server reset the connection, or it was gone when the client wrote. */
    RESET,
    /** No connection, no pooled connection or no response within the client's timeouts. */
    TIMEOUT,
    /** The server closed the connection before a whole response arrived. */
    CLOSED_EARLY,
    /** Anything else; the first message of each kind is printed at the end of a trial. */
    OTHER;

    /** Classifies an exception that HttpClient 5 (or the socket beneath it) threw for one request. */
    public static FailureKind of(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) { // bounded: a cause chain may loop
            FailureKind kind = direct(t);
            if (kind != OTHER) {
                return kind;
            }
        }
        return OTHER;
    }

    private static FailureKind direct(Throwable t) {
        // HttpClient's ConnectTimeoutException is a SocketTimeoutException; ConnectionRequestTimeoutException: no pooled connection in time.
        if (t instanceof SocketTimeoutException || t instanceof ConnectionRequestTimeoutException) {
            return TIMEOUT;
        }
        if (t instanceof ConnectException) { // HttpHostConnectException included
            return REFUSED;
        }
        if (t instanceof NoHttpResponseException || t instanceof ConnectionClosedException) {
            return CLOSED_EARLY;
        }
        if (t instanceof SocketException) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("reset") || message.contains("broken pipe")) {
                return RESET;
            }
        }
        return OTHER;
    }
}
