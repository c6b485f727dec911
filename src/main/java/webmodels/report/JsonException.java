package webmodels.report;

/** Malformed JSON, with the line and column where reading stopped. */
public final class JsonException extends RuntimeException {

    JsonException(String message) {
        super(message);
    }
}
