package webmodels.load;

import java.net.InetSocketAddress;
import java.time.Duration;

/** The raw-client contract for {@link RawHttpClient}: one blocking socket, one request at a time. */
class RawHttpClientTest extends RawClientContractTest {

    @Override
    Client client(InetSocketAddress server, boolean keepAlive, Duration timeout) {
        RawHttpClient client = new RawHttpClient(server, keepAlive, timeout);
        return new Client() {
            @Override
            public void get() throws RequestFailedException {
                client.get();
            }

            @Override
            public long connectionsOpened() {
                return client.connectionsOpened();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
