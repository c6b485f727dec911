package webmodels.load;

import java.net.InetSocketAddress;
import java.time.Duration;

/** The raw-client contract for {@link RawHttpClient}: one blocking socket, one request at a time. */
class RawHttpClientTest extends RawClientContractTest {

    @Override
    RawClient client(InetSocketAddress server, boolean keepAlive, Duration timeout) {
        return new RawHttpClient(server, keepAlive, timeout);
    }
}
