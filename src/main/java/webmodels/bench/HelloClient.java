package webmodels.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HeaderElements;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import webmodels.http.HelloHandler;
import webmodels.load.Failure;

/**
 * The benchmarks' HTTP client: Apache HttpClient 5 (classic, blocking API), set up so that it
 * measures the server instead of its own conveniences. One instance is shared by a trial's JMH
 * threads; each {@link #get} call is one {@code GET /}, checked (200 and {@code Hello World}) and
 * counted in the calling thread's {@link RequestCounters}. It never throws and never retries.
 */
public final class HelloClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final String COUNTERS = RequestCounters.class.getName();
    private static final byte[] HELLO = HelloHandler.BODY.getBytes(StandardCharsets.US_ASCII);

    private final HttpHost target;
    private final CloseableHttpClient http;
    private final Map<Failure, String> firstFailures = new ConcurrentHashMap<>();

    /**
     * @param server      where the model listens
     * @param connections the most connections open at once: the number of threads that call {@link #get}
     * @param timeout     bound on connecting, on waiting for a pooled connection and on each read
     */
    public HelloClient(InetSocketAddress server, int connections, Duration timeout) {
        this.target = new HttpHost("http", server.getAddress(), server.getPort());
        Timeout limit = Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS);
        PoolingHttpClientConnectionManager pool = new CountingPoolBuilder()
                // One connection per JMH thread: the default of 5 per route would make 8 threads queue for connections.
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                // LAX: no pool-wide lock on every lease; the limit cannot be exceeded anyway, a thread holds one connection at a time.
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(limit)
                        .setSocketTimeout(limit)
                        // By default a connection idle for 2 s is probed before reuse and silently replaced when dead:
                        // a keep-alive connection the server closed must show up as a failure instead.
                        .setValidateAfterInactivity(TimeValue.NEG_ONE_MILLISECOND)
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setSoTimeout(limit)
                        .setTcpNoDelay(true) // send each request at once, as ab and wrk do
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit) // waiting for a pooled connection is bounded too
                        .setResponseTimeout(limit)
                        .setRedirectsEnabled(false)
                        .build())
                // A retried request would hide a failure and count as one success: never retry.
                .disableAutomaticRetries()
                // Not needed for GET / -> Hello World, and each costs work per request on the client side:
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression() // no Accept-Encoding header, no decompression
                .disableAuthCaching()
                .disableConnectionState()    // no user-token bookkeeping in the pool
                .disableDefaultUserAgent()   // no User-Agent header to build and send
                .build();
    }

    /**
     * Sends one {@code GET /} over a pooled persistent connection ({@code keepAlive}) or over a new
     * connection with {@code Connection: close}, which is closed after the response.
     *
     * @return true when the answer was 200 with body {@code Hello World}; otherwise the failure is counted
     */
    public boolean get(RequestCounters counters, boolean keepAlive) {
        counters.requests++;
        HttpGet request = new HttpGet("/");
        if (!keepAlive) {
            request.setHeader(HttpHeaders.CONNECTION, HeaderElements.CLOSE);
        }
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(COUNTERS, counters);
        Failure failure;
        String detail;
        try {
            failure = http.execute(target, request, context, HelloClient::check);
            detail = failure == null ? null : "unexpected answer";
        } catch (IOException | RuntimeException e) { // unchecked too: counted (as other) and named once, never thrown
            failure = HttpClientFailures.classify(e);
            detail = e.toString();
        }
        if (failure == null) {
            return true;
        }
        counters.countFailure(failure);
        if (!firstFailures.containsKey(failure)) {
            firstFailures.putIfAbsent(failure, detail);
        }
        return false;
    }

    /** Null for 200 with the expected body; the kind of failure otherwise. */
    private static Failure check(ClassicHttpResponse response) throws IOException {
        if (response.getCode() != 200) {
            return Failure.NON_200; // HttpClient discards the body, or closes the connection
        }
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
        return Arrays.equals(body, HELLO) ? null : Failure.WRONG_BODY;
    }

    /** The first failure of each kind this client saw, with its exception, for a one-line note after a trial. */
    public Map<Failure, String> firstFailures() {
        return Map.copyOf(firstFailures);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** Builds a pool whose connections count themselves, once connected, in the requesting thread's counters. */
    private static final class CountingPoolBuilder extends PoolingHttpClientConnectionManagerBuilder {

        @Override
        protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver schemes, DnsResolver dns,
                                                                        TlsSocketStrategy tls) {
            return new DefaultHttpClientConnectionOperator(schemes, dns, RegistryBuilder.<TlsSocketStrategy>create().build()) {
                @Override
                protected void onAfterSocketConnect(HttpContext context, HttpHost host) {
                    if (context != null && context.getAttribute(COUNTERS) instanceof RequestCounters counters) {
                        counters.connectionsOpened++;
                    }
                }
            };
        }
    }
}
