package webmodels.load;

import java.io.IOException;

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
}
