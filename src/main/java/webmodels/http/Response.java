package webmodels.http;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * A response encoded once, in every framing it can be sent with, so that serving it costs a copy
 * and no formatting: with or without its body (HEAD), and with keep-alive for HTTP/1.1, keep-alive
 * for HTTP/1.0 (which needs {@code Connection: keep-alive}) or {@code Connection: close}.
 */
public final class Response {

    /** How the connection continues after this response. */
    public enum Framing { KEEP_ALIVE_HTTP11, KEEP_ALIVE_HTTP10, CLOSE }

    private static final Map<Status, Response> ERRORS = new EnumMap<>(Status.class);

    static {
        for (Status status : Status.values()) {
            if (status != Status.OK) {
                ERRORS.put(status, new Response(status, status.code + " " + status.reason + "\n"));
            }
        }
    }

    private final Status status;
    private final byte[][] withBody = new byte[Framing.values().length][];
    private final byte[][] headOnly = new byte[Framing.values().length][];

    public Response(Status status, String textBody) {
        this.status = status;
        byte[] body = textBody.getBytes(StandardCharsets.UTF_8);
        for (Framing framing : Framing.values()) {
            byte[] head = head(status, body.length, framing);
            headOnly[framing.ordinal()] = head;
            byte[] full = new byte[head.length + body.length];
            System.arraycopy(head, 0, full, 0, head.length);
            System.arraycopy(body, 0, full, head.length, body.length);
            withBody[framing.ordinal()] = full;
        }
    }

    /** The shared, pre-encoded error response for a status; it always closes the connection. */
    public static Response error(Status status) {
        return ERRORS.get(status);
    }

    public Status status() {
        return status;
    }

    /** The bytes to send for this response. */
    public byte[] bytes(boolean head, Framing framing) {
        return head ? headOnly[framing.ordinal()] : withBody[framing.ordinal()];
    }

    private static byte[] head(Status status, int contentLength, Framing framing) {
        String connection = switch (framing) {
            case KEEP_ALIVE_HTTP11 -> "";
            case KEEP_ALIVE_HTTP10 -> "Connection: keep-alive\r\n";
            case CLOSE -> "Connection: close\r\n";
        };
        String head = "HTTP/1.1 " + status.code + " " + status.reason + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + contentLength + "\r\n"
                + connection
                + "\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }
}
