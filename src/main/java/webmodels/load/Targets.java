package webmodels.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where this suite may send load: a server on this machine (loopback), or one on a private network
 * (10/8, 172.16/12, 192.168/16, link-local, IPv6 unique-local), such as the network namespaces of
 * {@code scripts/two-hosts.sh} or a lab's second machine. Never a public address: these are
 * measuring tools, not load generators for other people's servers.
 */
public final class Targets {

    private Targets() {
    }

    /** True for loopback and private addresses. */
    public static boolean isLoopbackOrPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc; // fc00::/7
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || uniqueLocalV6;
    }

    /**
     * Reads {@code HOST:PORT} ({@code [V6]:PORT} for IPv6), given as {@code what} (e.g.
     * {@code target=10.0.0.1:9527}), and checks it is loopback or private.
     *
     * @throws IllegalArgumentException naming what was given and what is wrong with it
     */
    public static InetSocketAddress parse(String hostPort, String what) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException(what + ": expected HOST:PORT, e.g. 10.0.0.1:9527");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": the port is not a number", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + ": the port must be 1 to 65535");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": unknown host " + host, e);
        }
        if (!isLoopbackOrPrivate(address)) {
            throw new IllegalArgumentException(what + ": " + address.getHostAddress()
                    + " is a public address; only loopback and private networks are allowed");
        }
        return new InetSocketAddress(address, port);
    }
}
