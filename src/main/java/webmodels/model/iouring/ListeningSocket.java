package webmodels.model.iouring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A TCP listener opened with libc's socket, bind and listen, so that its descriptor can be given
 * to io_uring's accept (a JDK channel keeps its descriptor to itself).
 */
record ListeningSocket(int fd, int port) {

    /** Binds {@code host}:{@code port} (0: any free port) with SO_REUSEADDR, as the JDK's channels do, and listens. */
    static ListeningSocket open(Libc libc, InetAddress host, int port, int backlog) throws IOException {
        boolean v6 = host instanceof Inet6Address;
        int fd = (int) Errno.check(libc.socket(v6 ? Libc.AF_INET6 : Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0), "socket");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(JAVA_INT);
            one.set(JAVA_INT, 0, 1);
            Errno.check(libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, one), "setsockopt(SO_REUSEADDR)");
            MemorySegment address = socketAddress(arena, host, port);
            Errno.check(libc.bind(fd, address), "bind to " + host.getHostAddress() + ":" + port);
            Errno.check(libc.listen(fd, backlog), "listen");
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) address.byteSize());
            Errno.check(libc.getsockname(fd, address, length), "getsockname");
            int boundPort = Short.toUnsignedInt(Short.reverseBytes(address.get(JAVA_SHORT, 2))); // network byte order
            return new ListeningSocket(fd, boundPort);
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    /** struct sockaddr_in or sockaddr_in6 for {@code host}:{@code port}. */
    private static MemorySegment socketAddress(Arena arena, InetAddress host, int port) {
        byte[] ip = host.getAddress();
        boolean v6 = host instanceof Inet6Address;
        MemorySegment address = arena.allocate(v6 ? 28 : 16, 4);
        address.set(JAVA_SHORT, 0, (short) (v6 ? Libc.AF_INET6 : Libc.AF_INET));
        address.set(JAVA_SHORT, 2, Short.reverseBytes((short) port));
        long ipOffset = v6 ? 8 : 4; // sockaddr_in6 has sin6_flowinfo before the address
        for (int i = 0; i < ip.length; i++) {
            address.set(JAVA_BYTE, ipOffset + i, ip[i]);
        }
        if (v6) {
            address.set(JAVA_INT, 24, ((Inet6Address) host).getScopeId());
        }
        return address;
    }
}
