package webmodels.http;

/** The seed's application: {@code Hello World} for GET, HEAD and POST, after the configured work. */
public final class HelloHandler implements Handler {

    public static final String BODY = "Hello World";
    private static final Response HELLO = new Response(Status.OK, BODY);

    private final Work work;

    public HelloHandler(Work work) {
        this.work = work;
    }

    @Override
    public Response handle(Request request) {
        return switch (request.method()) {
            case "GET", "HEAD", "POST" -> {
                work.perform();
                yield HELLO;
            }
            default -> Response.error(Status.NOT_IMPLEMENTED);
        };
    }
}
