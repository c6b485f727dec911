package webmodels.http;

/**
 * One parsed request. The body, if any, has been read and discarded: the shared handler ignores it.
 *
 * @param http11        true for HTTP/1.1 (and 1.x above it), false for HTTP/1.0
 * @param keepAlive     whether the connection stays open after the response, by the version's
 *                      default and the Connection header
 * @param contentLength the body's length in bytes: its Content-Length, or the decoded length of a
 *                      chunked body
 */
public record Request(String method, String target, boolean http11, boolean keepAlive, long contentLength) {

    public boolean isHead() {
        return method.equals("HEAD");
    }
}
