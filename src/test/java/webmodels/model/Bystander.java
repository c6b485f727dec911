package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client that sends a good request every 20 ms, on one keep-alive connection where the model
 * keeps connections alive, while a test throws bad input at the same server: what it sees shows
 * whether the others were served meanwhile.
 */
final class Bystander {

    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch firstServed = new CountDownLatch(1);
    private final Thread thread;

    private Bystander(int port, boolean keepsAlive) {
        thread = Thread.ofPlatform().name("test-bystander").start(() -> {
            try (SteadyClient steady = new SteadyClient(port)) {
                do {
                    steady.request();
                    served.incrementAndGet();
                    firstServed.countDown();
                    Thread.sleep(20);
                } while (!done.get());
                if (keepsAlive) {
                    assertEquals(1, steady.connections(), "the bystander's keep-alive connection was closed");
                }
            } catch (Throwable t) {
                failure.set(t);
                firstServed.countDown();
            }
        });
    }

    /** Starts sending; {@code keepsAlive}: the model must keep the bystander's one connection open throughout. */
    static Bystander start(int port, boolean keepsAlive) {
        return new Bystander(port, keepsAlive);
    }

    void awaitFirstServed() throws InterruptedException {
        assertTrue(firstServed.await(30, TimeUnit.SECONDS), "the bystander was never served");
    }

    /** Stops after the request in progress, waiting up to 30 s for it. */
    void stop() throws InterruptedException {
        done.set(true);
        thread.join(30_000);
    }

    /** After {@link #stop()}: every request of the bystander was answered well. */
    void assertUnharmed() {
        assertNull(failure.get(), () -> "the client sending good requests meanwhile failed: " + failure.get());
    }

    int served() {
        return served.get();
    }
}
