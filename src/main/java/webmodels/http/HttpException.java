package webmodels.http;

/** Bad input from a client: the server answers {@link #status()} and closes that connection. */
public final class HttpException extends Exception {
    private final Status status;

    public HttpException(Status status, String message) {
        // No stack trace: this is an expected outcome of parsing untrusted bytes, not a bug.
        super(message, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
