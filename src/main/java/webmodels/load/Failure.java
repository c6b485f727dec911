package webmodels.load;

/**
 * Why a request did not end with {@code 200 Hello World}. Every failure is counted under exactly
 * one of these, and shown; none is retried or dropped.
 */
public enum Failure {
    /** A complete response whose status was not 200. */
    NON_200,
    /** A 200 whose body was not {@code Hello World}. */
    WRONG_BODY,
    /** The connection was refused: nothing listens, or the listen backlog is full. */
    REFUSED,
    /** The server reset the connection (also a broken pipe: writing after the server reset it). */
    RESET,
    /** No connection, or no complete response, within the client's timeout. */
    TIMEOUT,
    /** The server closed the connection before the response was complete. */
    CLOSED_EARLY,
    /** Anything else: a malformed response, an unexpected I/O error. */
    OTHER
}
