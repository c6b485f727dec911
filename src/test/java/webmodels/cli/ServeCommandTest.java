package webmodels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import webmodels.model.MultiReactorServer;
import webmodels.model.Server;

@Timeout(20)
class ServeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsUsageWithEveryModelAndExitsZero() {
        assertEquals(0, run("serve", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("usage: serve MODEL"), help);
        assertTrue(help.contains("netty-io-uring") && help.contains("--request-timeout"), help);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsSayWhatIsWrongAndExitTwo() {
        String[][] bad = {
                {"serve"},
                {"serve", "bogus"},
                {"serve", "reactor", "--port", "99999"},
                {"serve", "reactor", "--work", "cpu:lots"},
                {"serve", "reactor", "--request-timeout", "0s"},
                {"serve", "reactor", "--loopz", "3"},
                {"serve", "reactor", "--select"},
                {"serve", "thread-pool", "--workers", "none"},
        };
        for (String[] args : bad) {
            err.reset();
            assertEquals(2, run(args), String.join(" ", args));
            String stderr = err.toString(StandardCharsets.UTF_8);
            assertTrue(stderr.startsWith("serve: ") && stderr.contains("usage: serve MODEL"), stderr);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("workers"), "the model's own error names the option");
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void modelOptionsReachTheModel() {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("multi-reactor", "--port", "0", "--loops", "2", "--reuseport", "true");
        try (Server server = command.server()) {
            assertInstanceOf(MultiReactorServer.class, server);
        }
        ServeCommand wrong = new ServeCommand();
        new CommandLine(wrong).parseArgs("multi-reactor", "--loops", "0");
        assertTrue(assertThrowsParameter(wrong).contains("loops"));
    }

    private static String assertThrowsParameter(ServeCommand command) {
        return org.junit.jupiter.api.Assertions.assertThrows(CommandLine.ParameterException.class, command::server)
                .getMessage();
    }

    private int run(String... args) {
        return Main.run(args, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
