package webmodels.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** One request that failed, with the {@link Failure} it is counted under. */
public final class RequestFailedException extends IOException {

    private final Failure failure;

    public RequestFailedException(Failure failure, String message) {
        this(failure, message, null);
    }

    public RequestFailedException(Failure failure, String message, Throwable cause) {
        super(failure + ": " + message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    /** The failure an I/O error of a raw client stands for: a timeout, a refused or reset connection, or another. */
    static RequestFailedException of(IOException e) {
        if (e instanceof RequestFailedException failed) {
            return failed;
        }
        String message = String.valueOf(e.getMessage());
        Failure failure;
        if (e instanceof SocketTimeoutException || (e instanceof ConnectException && message.contains("timed out"))) {
            failure = Failure.TIMEOUT;
        } else if (e instanceof ConnectException) {
            failure = Failure.REFUSED;
        } else if (e instanceof SocketException && (message.contains("reset") || message.contains("Broken pipe"))) {
            failure = Failure.RESET;
        } else {
            failure = Failure.OTHER;
        }
        return new RequestFailedException(failure, e.getClass().getSimpleName() + ": " + message, e);
    }
}
