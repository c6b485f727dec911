package webmodels.bench;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import webmodels.load.Failure;

/**
 * Which {@link Failure} an exception of Apache HttpClient 5 is, so that {@link HelloClient} counts
 * its failures under the same kinds as the raw client and the open-loop driver.
 */
final class HttpClientFailures {

    private HttpClientFailures() {
    }

    /** Classifies an exception that HttpClient 5 (or the socket beneath it) threw for one request. */
    static Failure classify(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) { // bounded: a cause chain may loop
            Failure kind = direct(t);
            if (kind != Failure.OTHER) {
                return kind;
            }
        }
        return Failure.OTHER;
    }

    private static Failure direct(Throwable t) {
        // HttpClient's ConnectTimeoutException is a SocketTimeoutException; ConnectionRequestTimeoutException: no pooled connection in time.
        if (t instanceof SocketTimeoutException || t instanceof ConnectionRequestTimeoutException) {
            return Failure.TIMEOUT;
        }
        if (t instanceof ConnectException) { // HttpHostConnectException included
            return Failure.REFUSED;
        }
        if (t instanceof NoHttpResponseException || t instanceof ConnectionClosedException) {
            return Failure.CLOSED_EARLY;
        }
        if (t instanceof SocketException) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("reset") || message.contains("broken pipe")) {
                return Failure.RESET;
            }
        }
        return Failure.OTHER;
    }
}
