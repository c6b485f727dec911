package webmodels.report;

/** Malformed JSON, with the line and column where reading stopped. */
final class JsonException extends RuntimeException {

    JsonException(String message) {
        super(message);
    }
}
