package webmodels.http;

import java.time.Duration;

/**
 * What a server accepts from one client before it answers with an error and closes.
 *
 * @param maxTargetLength longest request target, in bytes (414 beyond)
 * @param maxHeaderBytes  largest header section, request line excluded (431 beyond)
 * @param maxHeaderCount  most header fields (431 beyond)
 * @param maxBodyBytes    largest Content-Length accepted (413 beyond)
 * @param requestTimeout  how long a connection may stay silent, or take to send one request, before it is closed
 */
public record Limits(int maxTargetLength, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes,
                     Duration requestTimeout) {

    public static final Limits DEFAULT = new Limits(2048, 8192, 100, 1 << 20, Duration.ofSeconds(10));

    public Limits {
        if (maxTargetLength < 1 || maxHeaderBytes < 1 || maxHeaderCount < 1 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
    }

    public Limits withRequestTimeout(Duration timeout) {
        return new Limits(maxTargetLength, maxHeaderBytes, maxHeaderCount, maxBodyBytes, timeout);
    }

    /** The longest request line: method, target and version, with room to spare beyond the target. */
    int maxRequestLineLength() {
        return maxTargetLength + 64;
    }
}
