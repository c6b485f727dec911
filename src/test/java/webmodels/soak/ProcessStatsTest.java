package webmodels.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    @Test
    void countsTheDescriptorsThreadsAndMemoryOfThisJvm() throws Exception {
        // The first socket of a JVM may open descriptors of the networking code beside its own.
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessStats before = ProcessStats.of(ProcessHandle.current());
            assertTrue(before.threads() > 1 && before.rssBytes() > 0 && before.descriptors() > 2, before::toString);
            try (ServerSocket one = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket two = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(before.descriptors() + 2, ProcessStats.of(ProcessHandle.current()).descriptors());
            }
        }
    }
}
