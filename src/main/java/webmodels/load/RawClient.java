package webmodels.load;

/**
 * A lean client for one question, how fast a model answers {@code GET /}: each {@link #get()} is
 * one request, which either ends in {@code 200 Hello World} or throws the {@link Failure} it is
 * counted under; nothing is retried. {@link RawHttpClient} has one request in flight on one
 * blocking socket; {@link SelectorClient} keeps several in flight from one thread. Not
 * thread-safe: one client per thread.
 */
public interface RawClient extends AutoCloseable {

    /** Returns after one {@code 200 Hello World}; throws when instead one request failed. */
    void get() throws RequestFailedException;

    /** How many connections this client has opened so far (successful connects). */
    long connectionsOpened();

    /** Closes every connection; never fails. */
    @Override
    void close();
}
