package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.http.Limits;
import webmodels.http.Work;

@Timeout(30)
class ChildJvmTest {

    @Test
    void configSurvivesTheTripToAChildExceptThePort() throws Exception {
        Limits limits = new Limits(100, 200, 30, 4000, Duration.ofNanos(1_500_000_123L));
        ServerConfig config = new ServerConfig(InetAddress.getByName("127.0.0.1"), 9527, limits,
                Work.parse("cpu:100ns"), Map.of("processes", "3"));

        ServerConfig child = ChildJvm.parseConfig(ChildJvm.configArgs(config, 4242).toArray(String[]::new));

        assertEquals(new ServerConfig(config.host(), 4242, limits, Work.parse("cpu:100ns"), Map.of("processes", "3")), child);
    }

    @Test
    void noWorkStaysNoWork() throws Exception {
        ServerConfig config = ServerConfig.loopback(0);
        assertEquals(Work.NONE, ChildJvm.parseConfig(ChildJvm.configArgs(config, 0).toArray(String[]::new)).work());
    }

    @Test
    void missingChildArgumentIsNamed() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> ChildJvm.parseConfig(new String[] {"host=127.0.0.1", "port=0", "work=none"}));
        assertTrue(failure.getMessage().contains("limits"), failure.getMessage());
    }

    @Test
    void childRunsWithThisJvmsClassPathAndFastStartFlags() {
        List<String> command = ChildJvm.command(ProcessPerRequestChild.class, List.of("a=b"));
        assertTrue(command.containsAll(ChildJvm.FAST_START_FLAGS), command.toString());
        assertEquals(System.getProperty("java.class.path"), command.get(command.indexOf("-cp") + 1));
        assertEquals(List.of(ProcessPerRequestChild.class.getName(), "a=b"), command.subList(command.size() - 2, command.size()));
    }

    @Test
    void aLongLivedWorkerGetsThisJvmsJitAndGcFlagsNotTheFastStartOnes() {
        assertEquals(List.of("-XX:+UseParallelGC", "-Xmx2g", "-Xss1m", "-XX:TieredStopAtLevel=4"),
                ChildJvm.parentJvmFlags(List.of("-XX:+UseParallelGC", "-Dfoo=bar", "-Xmx2g", "-Xss1m",
                        "-XX:CompileCommandFile=/tmp/jmh123", "-javaagent:x.jar", "-XX:TieredStopAtLevel=4")));
    }

    @Test
    void stopAllEndsAChildThatIgnoresItsStandardInput() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start(); // never reads stdin: needs the SIGKILL
        ChildJvm.stopAll(List.of(sleeper));
        assertFalse(sleeper.isAlive());
    }
}
