package webmodels.model;

import java.util.Set;

/**
 * The knobs of a selector loop, shared by {@code reactor} and {@code multi-reactor}; each is a
 * model option ({@code --read-buffer 16384} on the command line, a {@code @Param} in JMH).
 *
 * @param readBuffer  bytes read per read call (one buffer per loop, shared by its connections)
 * @param direct      read and write through direct buffers, saving the JDK's copy through a
 *                    temporary direct buffer, at the cost of native memory
 * @param select      how the loop waits for readiness
 * @param spins       with {@link Select#SPIN_THEN_BLOCK}: empty selectNow calls before blocking
 * @param acceptBatch most connections accepted per OP_ACCEPT event
 * @param writeMode   write a response as soon as it is ready, or only when OP_WRITE says the
 *                    socket is writable (one more event and select per response)
 * @param tcpNoDelay  disable Nagle's algorithm on accepted connections
 */
public record LoopOptions(int readBuffer, boolean direct, Select select, int spins, int acceptBatch,
                          WriteMode writeMode, boolean tcpNoDelay) {

    /** How a loop waits: blocking select, a busy selectNow loop, select with a 1 ms timeout, or spinning a while before blocking. */
    public enum Select { BLOCK, BUSY_POLL, TIMEOUT, SPIN_THEN_BLOCK }

    public enum WriteMode { IMMEDIATE, ON_WRITABLE }

    // The defaults, in the one place they are written: compile-time constants, so that the
    // benchmarks' @Param annotations name them instead of retyping them. Enums as option text.
    public static final int DEFAULT_READ_BUFFER = 16 * 1024;
    public static final boolean DEFAULT_DIRECT = true;
    public static final String DEFAULT_SELECT = "block";
    public static final int DEFAULT_SPINS = 100;
    public static final int DEFAULT_ACCEPT_BATCH = 64;
    public static final String DEFAULT_WRITE_MODE = "immediate";
    public static final boolean DEFAULT_TCP_NODELAY = true;

    static final Set<String> NAMES = Set.of("read-buffer", "direct", "select", "spins", "accept-batch", "write-mode", "tcp-nodelay");

    static LoopOptions from(ServerConfig config) {
        return new LoopOptions(
                config.intOption("read-buffer", DEFAULT_READ_BUFFER, 64, 16 * 1024 * 1024),
                config.booleanOption("direct", DEFAULT_DIRECT),
                config.enumOption("select", named(Select.class, DEFAULT_SELECT)),
                config.intOption("spins", DEFAULT_SPINS, 0, 1_000_000),
                config.intOption("accept-batch", DEFAULT_ACCEPT_BATCH, 1, 1_000_000),
                config.enumOption("write-mode", named(WriteMode.class, DEFAULT_WRITE_MODE)),
                config.booleanOption("tcp-nodelay", DEFAULT_TCP_NODELAY));
    }

    /** The constant an option names, as {@link ServerConfig#enumOption} reads it ({@code busy-poll} is BUSY_POLL). */
    private static <E extends Enum<E>> E named(Class<E> type, String optionText) {
        return Enum.valueOf(type, optionText.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
