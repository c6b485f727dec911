package webmodels.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code thread-per-connection}: a new platform thread for every accepted connection, the classic
 * blocking-I/O server and the JVM's direct translation of the seed's process per request.
 *
 * <pre>
 *   [acceptor] accept -> new Thread ----> [thread n] read -> handle -> write -> ... -> close, thread ends
 * </pre>
 *
 * Unbounded by design: every connection costs a thread (stack, scheduling), which is what the
 * benchmarks are there to show.
 */
public final class ThreadPerConnectionServer extends AcceptingServer {

    public static final String NAME = "thread-per-connection";
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder endedThreadsCpuNanos = new LongAdder();

    public ThreadPerConnectionServer(ServerConfig config) {
        super(NAME, config, false);
        config.requireOnly(NAME, Set.of());
    }

    @Override
    void dispatch(Socket socket) {
        Thread thread = new Thread(() -> {
            try {
                serve(socket);
            } finally {
                threads.remove(Thread.currentThread());
                // its last chance: once the thread ends, its CPU time is gone (one cheap clock read per connection)
                endedThreadsCpuNanos.add(Math.max(0, CPU.getCurrentThreadCpuTime()));
            }
        }, NAME + "-" + ids.incrementAndGet());
        threads.add(thread);
        thread.start();
    }

    @Override
    public long cpuNanosOfEndedThreads() {
        return endedThreadsCpuNanos.sum();
    }

    @Override
    void stopWorkers() {
        for (Thread thread : threads) {
            Closing.join(thread);
        }
    }
}
