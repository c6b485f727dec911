package webmodels.http;

/** The application: turns one request into one response. It runs on whatever thread the model gives it. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
