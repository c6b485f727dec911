package webmodels.http;

import java.nio.ByteBuffer;

/**
 * The HTTP/1.x state of one connection, independent of how its bytes move: every model feeds it
 * what it read and writes out what it produced. This is the one codec all models share, so that
 * only the concurrency model differs between them.
 */
public final class HttpSession {

    private final RequestParser parser;
    private final Handler handler;
    private final boolean closeAfterEachResponse;
    private boolean failed;

    /**
     * @param closeAfterEachResponse answer every request with {@code Connection: close}, as the
     *                               single-threaded models must
     */
    public HttpSession(Handler handler, Limits limits, boolean closeAfterEachResponse) {
        this.parser = new RequestParser(limits);
        this.handler = handler;
        this.closeAfterEachResponse = closeAfterEachResponse;
    }

    /**
     * Parses every complete request in {@code in}, runs the handler on each, and appends the
     * responses to {@code out}.
     *
     * @return true when the connection must be closed once {@code out} has been written
     */
    public boolean process(ByteBuffer in, OutBuffer out) {
        try {
            while (true) {
                Request request = parser.parse(in);
                if (request == null) {
                    return false;
                }
                Response response = handler.handle(request);
                boolean keepAlive = request.keepAlive() && !closeAfterEachResponse && response.status() == Status.OK;
                Response.Framing framing = !keepAlive ? Response.Framing.CLOSE
                        : request.http11() ? Response.Framing.KEEP_ALIVE_HTTP11 : Response.Framing.KEEP_ALIVE_HTTP10;
                out.put(response.bytes(request.isHead(), framing));
                if (!keepAlive) {
                    return true;
                }
            }
        } catch (HttpException e) {
            failed = true;
            // An error answers a HEAD request without a body too (RFC 9110, 9.3.2).
            out.put(Response.error(e.status()).bytes(parser.inHeadRequest(), Response.Framing.CLOSE));
            return true;
        }
    }

    /**
     * True once bad input was answered with an error: the client may still be sending, so close
     * gracefully (stop writing, read away the rest) or its reset may destroy the error response.
     */
    public boolean failed() {
        return failed;
    }

    /** True while part of a request has arrived: its timeout is then a slow request, not an idle connection. */
    public boolean inRequest() {
        return parser.inRequest();
    }

    /** Appends what to send when the request timeout expires: 408 for a half-sent request, nothing for an idle connection. */
    public void onTimeout(OutBuffer out) {
        if (parser.inRequest()) {
            out.put(Response.error(Status.REQUEST_TIMEOUT).bytes(false, Response.Framing.CLOSE));
        }
    }
}
