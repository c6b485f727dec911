package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.closesPerRequest;
import static webmodels.model.Servers.start;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import webmodels.http.Limits;
import webmodels.model.RawClient.Reply;

/**
 * Bad input, for every model: each class of it gets its clear HTTP error and the connection
 * closes, while a client sending good requests meanwhile is served as if nothing happened.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputContractTest {

    static Stream<Model> models() {
        return Servers.models();
    }

    /** One class of bad input and the status that answers it. */
    private record BadInput(String name, int status, String request) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<BadInput> BAD_INPUT = List.of(
            new BadInput("Content-Length with Transfer-Encoding", 400, """
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: 5
                    Transfer-Encoding: chunked

                    hello"""),
            new BadInput("conflicting Content-Lengths", 400, """
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: 5
                    Content-Length: 6

                    hello!"""),
            new BadInput("non-numeric Content-Length", 400, """
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: five

                    hello"""),
            new BadInput("not HTTP at all", 400, """
                    NOT HTTP AT ALL

                    """),
            new BadInput("malformed request line", 400, """
                    GET /a b HTTP/1.1
                    Host: localhost

                    """),
            new BadInput("malformed header", 400, """
                    GET / HTTP/1.1
                    Host: localhost
                    no colon here

                    """),
            new BadInput("malformed version", 400, """
                    GET / HTTP/one
                    Host: localhost

                    """),
            new BadInput("obs-fold", 400, """
                    GET / HTTP/1.1
                    Host: localhost
                    X-Folded: first
                     continued

                    """),
            new BadInput("whitespace before colon", 400, """
                    GET / HTTP/1.1
                    Host : localhost

                    """),
            new BadInput("HTTP/1.1 without Host", 400, """
                    GET / HTTP/1.1
                    Accept: */*

                    """),
            new BadInput("HTTP/2.0", 505, """
                    GET / HTTP/2.0
                    Host: localhost

                    """),
            new BadInput("HTTP/0.9", 505, """
                    GET / HTTP/0.9
                    Host: localhost

                    """),
            new BadInput("target too long", 414,
                    "GET /" + "a".repeat(Limits.DEFAULT.maxTargetLength()) + " HTTP/1.1\nHost: localhost\n\n"),
            new BadInput("header section too large", 431,
                    "GET / HTTP/1.1\nHost: localhost\nX-Big: " + "a".repeat(Limits.DEFAULT.maxHeaderBytes()) + "\n\n"),
            // Twice the limit: the error is sent while much of the request is still unread, and must arrive all the same.
            new BadInput("header section twice the limit", 431,
                    "GET / HTTP/1.1\nHost: localhost\nX-Big: " + "a".repeat(2 * Limits.DEFAULT.maxHeaderBytes()) + "\n\n"),
            new BadInput("too many headers", 431,
                    "GET / HTTP/1.1\nHost: localhost\n" + "X-Many: v\n".repeat(Limits.DEFAULT.maxHeaderCount()) + "\n"),
            new BadInput("body over the limit", 413, """
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: %d

                    """.formatted(Limits.DEFAULT.maxBodyBytes() + 1)),
            new BadInput("unknown method", 501, """
                    DELETE / HTTP/1.1
                    Host: localhost

                    """));


    // process-per-request starts a JVM for every bad input and for each of the bystander's requests.
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersBadInputAndClosesWhileServingOthers(Model model) throws Exception {
        try (Server server = start(model)) {
            int port = server.port();
            Bystander bystander = Bystander.start(port, !model.closesPerRequest());
            try {
                bystander.awaitFirstServed();
                assertAll(BAD_INPUT.stream().map(bad -> (Executable) () -> assertRejected(port, bad)));
            } finally {
                bystander.stop();
            }
            bystander.assertUnharmed();
            assertTrue(bystander.served() > 0);
            try (RawClient fresh = RawClient.connect(port)) {
                assertHello(fresh.send(GET).read()); // and the server still serves
            }
        }
    }

    private static void assertRejected(int port, BadInput bad) throws IOException {
        try (RawClient client = RawClient.connect(port)) {
            Reply reply = client.send(bad.request()).read();
            assertEquals(bad.status(), reply.status(), () -> bad + ": " + reply);
            assertTrue(reply.closes(), () -> bad + ": an error must say Connection: close");
            assertTrue(client.closedByServer(), () -> bad + ": bytes after the error response");
        }
    }
}
