package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.bench.models.ReactorBenchmark;
import webmodels.model.CpuList;
import webmodels.model.ForkedServer;

/** {@code -p fork=true -p serverCpus=LIST}: the forked server runs on those CPUs only, or the trial does not start. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PinnedServerTest {

    @Test
    void aPinnedForkedServerRunsOnlyOnTheAskedCpus() throws IOException {
        ReactorBenchmark bench = new ReactorBenchmark();
        bench.fork = true;
        bench.serverCpus = "0";
        try {
            bench.start(1);
            long pid = ((ForkedServer) ((ServerBenchmark) bench).server()).pid();

            assertEquals(Set.of(0), CpuList.allowedOf(pid).cpus());
            assertTrue(ProcessHandle.of(pid).orElseThrow().info().command().orElse("").endsWith("java"),
                    "taskset exec'd the JVM: the pid measured is the server's");
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void aCpuListThisMachineLacksFailsAtSetupAndStartsNothing() throws IOException {
        CpuList online = CpuList.online();
        String asked = "0-" + (online.cpus().last() + 1);
        ReactorBenchmark bench = new ReactorBenchmark();
        bench.fork = true;
        bench.serverCpus = asked;
        long childrenBefore = ProcessHandle.current().children().count();

        String message = assertThrows(IllegalArgumentException.class, () -> bench.start(1)).getMessage();

        assertEquals("serverCpus=" + asked + ": this machine has CPUs " + online.text() + " only", message);
        assertEquals(childrenBefore, ProcessHandle.current().children().count(), "no server was forked");
        bench.tearDown();
    }

    @Test
    void pinningWithoutForkIsRefused() {
        ReactorBenchmark bench = new ReactorBenchmark();
        bench.serverCpus = "0";

        String message = assertThrows(IllegalArgumentException.class, () -> bench.start(1)).getMessage();

        assertTrue(message.startsWith("serverCpus=0 pins a server in a JVM of its own: add -p fork=true"), message);
    }
}
