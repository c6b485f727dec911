package webmodels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.model.ReactorServer;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

@Timeout(30)
class LoadCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsAPercentileTableForALoopbackServer() throws Exception {
        try (Server server = new ReactorServer(ServerConfig.loopback(0))) {
            server.start();
            int status = run("http://127.0.0.1:" + server.port() + "/", "--rate", "50", "--connections", "2",
                    "--duration", "500ms", "--warmup", "0s");

            assertEquals(0, status, err::toString);
            String printed = out.toString(StandardCharsets.UTF_8);
            for (String line : new String[] {"50.000%", "90.000%", "99.000%", "99.900%", "99.990%", "100.000%",
                    "Requests/sec:", "Sent late:", "Never sent:", "Connections opened: 2", "Errors: none"}) {
                assertTrue(printed.contains(line), "no '" + line + "' in:\n" + printed);
            }
        }
    }

    @Test
    void nothingListeningShowsRefusalsAndExitsWithOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        int status = run("http://localhost:" + port, "--rate", "20", "--connections", "1",
                "--duration", "200ms", "--warmup", "0s", "--timeout", "500ms");

        assertEquals(1, status);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("No successful response"), printed);
        assertTrue(printed.contains("Errors: refused "), printed);
    }

    @Test
    void nonLoopbackHostIsRefusedBeforeAnyTraffic() throws Exception {
        assertEquals(2, run("http://192.0.2.1:8080/", "--rate", "10", "--connections", "1", "--duration", "1s"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("loopback"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** Checked on the address alone: no byte goes to a private address this test did not make. */
    @Test
    void privateNetworkHostsAreAllowedAndPublicOnesRefused() {
        assertEquals(9527, LoadCommand.serverAddress(URI.create("http://10.213.0.1:9527/")).getPort());
        assertEquals("192.168.1.20",
                LoadCommand.serverAddress(URI.create("http://192.168.1.20:80/")).getAddress().getHostAddress());
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LoadCommand.serverAddress(URI.create("http://8.8.8.8:80/")));
        assertTrue(refused.getMessage().contains("private networks"), refused.getMessage());
    }

    @Test
    void badArgumentsPrintUsageAndExitWithTwo() throws Exception {
        String url = "http://127.0.0.1:9/";
        String[][] bad = {
                {},
                {url, "--connections", "1", "--duration", "1s"},
                {url, "--rate", "10", "--connections", "1", "--duration", "10"},
                {url, "--rate", "fast", "--connections", "1", "--duration", "1s"},
                {url, "--rate", "10", "--connections", "0", "--duration", "1s"},
                {url, "--rate", "10", "--connections", "1", "--duration", "1s", "--threads", "4"},
                {url, "--rate", "10", "--connections", "1", "--duration"},
                {"http://127.0.0.1:9/other", "--rate", "10", "--connections", "1", "--duration", "1s"},
                {"ftp://127.0.0.1:9/", "--rate", "10", "--connections", "1", "--duration", "1s"},
        };
        for (String[] args : bad) {
            err.reset();
            assertEquals(2, run(args), String.join(" ", args));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"), String.join(" ", args));
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    private int run(String... args) throws InterruptedException {
        return LoadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
