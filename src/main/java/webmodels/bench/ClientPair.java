package webmodels.bench;

import java.io.IOException;
import webmodels.load.RawClient;

/**
 * One JMH thread's two raw clients of one kind, one keeping its connections alive and one closing
 * them after each request, each made on the thread's first request of its kind: a benchmark that
 * uses only one of them opens nothing for the other.
 */
final class ClientPair implements AutoCloseable {

    /** Makes the client of the kind, keep-alive or closing. */
    interface Factory {
        RawClient open(boolean keepAlive) throws IOException;
    }

    private final Factory factory;
    private RawClient keepAlive;
    private RawClient closing;

    ClientPair(Factory factory) {
        this.factory = factory;
    }

    RawClient get(boolean keepAlive) throws IOException {
        if (keepAlive) {
            if (this.keepAlive == null) {
                this.keepAlive = factory.open(true);
            }
            return this.keepAlive;
        }
        if (closing == null) {
            closing = factory.open(false);
        }
        return closing;
    }

    @Override
    public void close() {
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (closing != null) {
            closing.close();
        }
    }
}
