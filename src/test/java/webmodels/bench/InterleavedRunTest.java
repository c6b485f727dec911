package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.junit.jupiter.api.Timeout;
import webmodels.model.CEpollServer;
import webmodels.model.Model;

@Timeout(10)
class InterleavedRunTest {

    @Test
    void everyOtherRoundRunsTheModelsInReverseOrder() {
        List<Model> models = List.of(Model.BLOCKING, Model.REACTOR, Model.NETTY_EPOLL);
        assertEquals(models, InterleavedRun.order(models, 0));
        assertEquals(List.of(Model.NETTY_EPOLL, Model.REACTOR, Model.BLOCKING), InterleavedRun.order(models, 1));
        assertEquals(models, InterleavedRun.order(models, 2));
    }

    @Test
    void theReferenceRunsInTheMiddleOfEveryRoundAndOnlyWhenAskedFor() {
        List<Model> models = List.of(Model.BLOCKING, Model.REACTOR, Model.NETTY_EPOLL, Model.PREFORK);
        assertEquals(List.of("blocking", "reactor", "c-epoll", "netty-epoll", "prefork"),
                InterleavedRun.roundNames(models, 0, true));
        assertEquals(List.of("prefork", "netty-epoll", "c-epoll", "reactor", "blocking"),
                InterleavedRun.roundNames(models, 1, true));
        assertEquals(List.of("blocking", "reactor", "netty-epoll", "prefork"), InterleavedRun.roundNames(models, 2, false));
        assertEquals(List.of("c-epoll", "reactor"), InterleavedRun.roundNames(List.of(Model.REACTOR), 0, true));
    }

    @Test
    void everyModelHasItsBenchmarkClassAndTheIncludeMatchesOnlyItsMethods() throws ClassNotFoundException {
        for (Model model : Model.values()) {
            Class.forName(InterleavedRun.benchmarkClass(model)); // throws when a model's class is named otherwise
        }
        Class.forName(InterleavedRun.benchmarkClass(CEpollServer.NAME)); // the reference's, by the same rule
        Pattern include = Pattern.compile(InterleavedRun.include(InterleavedRun.benchmarkClass(Model.NETTY_IO_URING),
                List.of("selectorKeepAlive", "selectorClosePerRequest")));
        assertTrue(include.matcher("webmodels.bench.models.NettyIoUringBenchmark.selectorKeepAlive").find());
        assertTrue(include.matcher("webmodels.bench.models.NettyIoUringBenchmark.selectorClosePerRequest").find());
        assertTrue(!include.matcher("webmodels.bench.models.NettyIoUringBenchmark.keepAlive").find());
        assertTrue(!include.matcher("webmodels.bench.models.NettyEpollBenchmark.selectorKeepAlive").find());
    }

    @Test
    void onlyTheSlowlyWarmingModelsGetALongerWarmupAndOnlyWhenTheGivenOneIsShort() throws Exception {
        CommandLineOptions shortWarmup = new CommandLineOptions("-wi", "2", "-w", "1s");
        CommandLineOptions longWarmup = new CommandLineOptions("-wi", "3", "-w", "5s");
        CommandLineOptions annotations = new CommandLineOptions();
        assertTrue(InterleavedRun.needsLongerWarmup(Model.BLOCKING, shortWarmup));
        assertTrue(InterleavedRun.needsLongerWarmup(Model.PREFORK, shortWarmup));
        assertFalse(InterleavedRun.needsLongerWarmup(Model.REACTOR, shortWarmup));
        assertFalse(InterleavedRun.needsLongerWarmup(Model.BLOCKING, longWarmup), "15 s is long enough");
        assertFalse(InterleavedRun.needsLongerWarmup(Model.BLOCKING, annotations), "the benchmark's own 3 x 5 s");
    }

    @Test
    void oneRoundCannotCancelDriftAndIsRefused() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> InterleavedRun.parse(new String[] {"--rounds", "1", "--json", "x.json", "--log", "x.log"}));
        assertTrue(failure.getMessage().contains("at least 2"), failure.getMessage());
        InterleavedRun.Plan plan = InterleavedRun.parse(new String[] {"--json", "x.json", "--log", "x.log", "--models",
            "reactor,blocking", "--", "-wi", "1"});
        assertEquals(List.of(Model.REACTOR, Model.BLOCKING), plan.models());
        assertEquals(List.of("-wi", "1"), plan.jmhArgs());
        assertEquals(3, plan.rounds());
        assertTrue(plan.reference(), "the reference runs unless told not to");
        assertFalse(InterleavedRun.parse(new String[] {"--json", "x.json", "--log", "x.log", "--no-reference"}).reference());
    }
}
