package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;
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
 * Chunked request bodies (RFC 9112, 7.1), which every HTTP/1.1 recipient must decode, against
 * every model: the codec is shared, so what this checks is that every model feeds it a chunked
 * body the way it arrives, in pieces, with requests pipelined behind it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChunkedBodyContractTest {

    private static final String CHUNKED_POST = """
            POST /upload HTTP/1.1
            Host: localhost
            Transfer-Encoding: chunked

            """;

    /** Extensions, a chunk whose data looks like a request line, a last chunk with a trailer. */
    private static final String CHUNKED_BODY = """
            5;name=value
            hello
            e
            GET / HTTP/1.1
            0
            X-Checksum: 1234

            """;

    /** One malformed chunked request and the status that answers it. */
    private record Malformed(String name, int status, String request) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Malformed> MALFORMED = List.of(
            new Malformed("chunk size not hex", 400, CHUNKED_POST + "zz\nhello\n0\n\n"),
            new Malformed("chunk data without its CRLF", 400, CHUNKED_POST + "5\nhelloXX\n0\n\n"),
            new Malformed("chunk size overflows", 400, CHUNKED_POST + "1ffffffffffffffff\nhello\n0\n\n"),
            new Malformed("chunked not the last coding", 400, CHUNKED_POST.replace("chunked", "chunked, gzip") + "0\n\n"),
            new Malformed("unknown coding before chunked", 501, CHUNKED_POST.replace("chunked", "gzip, chunked") + "0\n\n"),
            new Malformed("chunk over the body limit", 413,
                    CHUNKED_POST + Long.toHexString(Limits.DEFAULT.maxBodyBytes() + 1) + "\n"));

    static Stream<Model> models() {
        return Servers.models();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersAChunkedPost(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply reply = client.send(CHUNKED_POST + CHUNKED_BODY).read();
            assertHello(reply);
            assertNextRequestServedOrClosed(model, client, reply);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersAChunkedPostArrivingByteByByte(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply reply = client.sendByteByByte(CHUNKED_POST + CHUNKED_BODY, 1).read();
            assertHello(reply);
            assertNextRequestServedOrClosed(model, client, reply);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersTheRequestsPipelinedAfterAChunkedBody(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            client.send(CHUNKED_POST + CHUNKED_BODY + GET + CHUNKED_POST + CHUNKED_BODY + GET);
            Reply first = client.read();
            assertHello(first);
            if (closesPerRequest(model)) {
                assertTrue(first.closes());
                assertTrue(client.closedByServer(), "a close-per-request model answered past the first request");
                return;
            }
            for (int i = 0; i < 3; i++) {
                Reply next = client.read();
                assertHello(next);
                assertFalse(next.closes(), "answer " + (i + 2) + " closed the connection");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersAChunkedBodyOverTheLimitWith413(Model model) throws Exception {
        // Every chunk is under the limit, their sum is not: the server reads up to the chunk
        // that crosses it, so the client has sent everything before it reads the answer.
        String halfLimit = Long.toHexString(Limits.DEFAULT.maxBodyBytes() / 2);
        String chunk = halfLimit + "\n" + "x".repeat((int) (Limits.DEFAULT.maxBodyBytes() / 2)) + "\n";
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply reply = client.send(CHUNKED_POST + chunk + chunk + "1\n").read();
            assertEquals(413, reply.status(), () -> "" + reply);
            assertTrue(reply.closes(), "an error must say Connection: close");
            assertTrue(client.closedByServer(), "bytes after the 413");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersMalformedChunkingAndClosesWhileServingAnother(Model model) throws Exception {
        try (Server server = start(model)) {
            int port = server.port();
            Bystander bystander = Bystander.start(port, !model.closesPerRequest());
            try {
                bystander.awaitFirstServed();
                assertAll(MALFORMED.stream().map(bad -> (Executable) () -> assertRejected(port, bad)));
            } finally {
                bystander.stop();
            }
            bystander.assertUnharmed();
        }
    }

    private static boolean closesPerRequest(Model model) {
        return model.closesPerRequest();
    }

    /** After a chunked request: a keep-alive model serves the next request, any other has closed. */
    private static void assertNextRequestServedOrClosed(Model model, RawClient client, Reply reply) throws IOException {
        if (closesPerRequest(model)) {
            assertTrue(reply.closes());
            assertTrue(client.closedByServer(), "bytes after the response");
            return;
        }
        assertFalse(reply.closes(), "a keep-alive model closed after a chunked request");
        assertHello(client.send(GET).read());
    }

    private static void assertRejected(int port, Malformed bad) throws IOException {
        try (RawClient client = RawClient.connect(port)) {
            Reply reply = client.send(bad.request()).read();
            assertEquals(bad.status(), reply.status(), () -> bad + ": " + reply);
            assertTrue(reply.closes(), () -> bad + ": an error must say Connection: close");
            assertTrue(client.closedByServer(), () -> bad + ": bytes after the error response");
        }
    }
}
