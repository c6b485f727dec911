package webmodels.model.iouring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import webmodels.model.ModelUnavailableException;

/**
 * One io_uring instance: the submission queue (SQ) and completion queue (CQ) rings the kernel
 * shares with us through mmap, laid out as {@code <linux/io_uring.h>} says.
 *
 * <pre>
 *   we write an SQE at sqes[tail &amp; mask], then publish tail (release) --> kernel reads up to tail,
 *                                                                           moves head (release)
 *   kernel writes a CQE, then publishes CQ tail (release)  --> we read up to tail (acquire),
 *                                                              then publish CQ head (release)
 * </pre>
 *
 * The release store of a tail orders the entries written before it; the acquire load of the
 * other side's index orders the reads after it. Not thread-safe: the ring is set up with
 * SINGLE_ISSUER, so one thread (the loop's) must create it and make every call.
 */
public final class Ring implements AutoCloseable {

    // Opcodes and flags of <linux/io_uring.h>.
    static final byte OP_ACCEPT = 13;
    static final byte OP_ASYNC_CANCEL = 14;
    static final byte OP_READ = 22;
    static final byte OP_SEND = 26;
    static final byte OP_RECV = 27;
    static final byte SQE_IO_LINK = 1 << 2;
    static final byte SQE_BUFFER_SELECT = 1 << 5;
    static final byte SQE_CQE_SKIP_SUCCESS = 1 << 6;
    static final short ACCEPT_MULTISHOT = 1;
    static final short RECVSEND_POLL_FIRST = 1;
    static final int ASYNC_CANCEL_ANY = 1 << 2;
    static final int CQE_F_BUFFER = 1;
    static final int CQE_F_MORE = 1 << 1;
    static final int CQE_BUFFER_SHIFT = 16;

    private static final int SETUP_CQSIZE = 1 << 3;
    private static final int SETUP_SUBMIT_ALL = 1 << 7;
    private static final int SETUP_SINGLE_ISSUER = 1 << 12;
    private static final int SETUP_DEFER_TASKRUN = 1 << 13;
    private static final int FEAT_SINGLE_MMAP = 1;
    private static final int FEAT_NODROP = 1 << 1;
    private static final int FEAT_EXT_ARG = 1 << 8;
    private static final int ENTER_GETEVENTS = 1;
    private static final int ENTER_EXT_ARG = 1 << 3;
    private static final long OFF_SQ_RING = 0L;
    private static final long OFF_CQ_RING = 0x8000000L;
    private static final long OFF_SQES = 0x10000000L;
    private static final int SQE_SIZE = 64;
    private static final int CQE_SIZE = 16;
    private static final int PARAMS_SIZE = 120;
    private static final int GETEVENTS_ARG_SIZE = 24;

    private static final VarHandle INT = JAVA_INT.varHandle();

    private final Libc libc;
    private final int fd;
    private final MemorySegment sqRing;
    private final MemorySegment cqRing; // the same mapping as sqRing when the kernel has SINGLE_MMAP
    private final MemorySegment sqes;
    private final long sqHeadOffset;
    private final long sqTailOffset;
    private final int sqMask;
    private final int sqEntries;
    private final long cqHeadOffset;
    private final long cqTailOffset;
    private final long cqesOffset;
    private final int cqMask;
    /** struct io_uring_getevents_arg followed by the struct __kernel_timespec it points to. */
    private final MemorySegment waitArgument;
    private int sqTail;
    private int cqHead;

    private Ring(Libc libc, int fd, MemorySegment params, MemorySegment sqRing, MemorySegment cqRing, MemorySegment sqes,
                 MemorySegment waitArgument) {
        this.libc = libc;
        this.fd = fd;
        this.sqRing = sqRing;
        this.cqRing = cqRing;
        this.sqes = sqes;
        this.waitArgument = waitArgument;
        this.sqEntries = params.get(JAVA_INT, 0);
        this.sqHeadOffset = params.get(JAVA_INT, 40);
        this.sqTailOffset = params.get(JAVA_INT, 44);
        this.sqMask = sqRing.get(JAVA_INT, params.get(JAVA_INT, 48));
        this.cqHeadOffset = params.get(JAVA_INT, 80);
        this.cqTailOffset = params.get(JAVA_INT, 84);
        this.cqMask = cqRing.get(JAVA_INT, params.get(JAVA_INT, 88));
        this.cqesOffset = params.get(JAVA_INT, 100);
        this.sqTail = (int) INT.getAcquire(sqRing, sqTailOffset);
        this.cqHead = (int) INT.getAcquire(cqRing, cqHeadOffset);
        // The SQ array maps ring positions to SQE indexes; the identity, once, so that position i is sqes[i].
        long array = params.get(JAVA_INT, 64);
        for (int i = 0; i < sqEntries; i++) {
            sqRing.set(JAVA_INT, array + 4L * i, i);
        }
    }

    /**
     * Sets up a ring of {@code entries} submissions and {@code cqEntries} completions and maps it.
     * Fails with {@link ModelUnavailableException} when the kernel refuses io_uring itself.
     */
    public static Ring open(Libc libc, Arena arena, int entries, int cqEntries) throws IOException {
        MemorySegment params = arena.allocate(PARAMS_SIZE, 8);
        int preferred = SETUP_CQSIZE | SETUP_SUBMIT_ALL | SETUP_SINGLE_ISSUER | SETUP_DEFER_TASKRUN;
        long fd = setup(libc, params, entries, cqEntries, preferred);
        if (fd == -Errno.EINVAL) { // a kernel before 6.1 lacks DEFER_TASKRUN: the plain ring works there too
            fd = setup(libc, params, entries, cqEntries, SETUP_CQSIZE);
        }
        if (fd < 0) {
            throw setupFailure((int) fd);
        }
        int ringFd = (int) fd;
        MemorySegment sqRing = null;
        MemorySegment cqRing = null;
        try {
            int features = params.get(JAVA_INT, 20);
            if ((features & FEAT_EXT_ARG) == 0 || (features & FEAT_NODROP) == 0) {
                throw new ModelUnavailableException("io-uring: this kernel's io_uring lacks IORING_FEAT_EXT_ARG or FEAT_NODROP (Linux 5.11+ needed)");
            }
            long sqSize = params.get(JAVA_INT, 64) + 4L * params.get(JAVA_INT, 0);
            long cqSize = params.get(JAVA_INT, 100) + (long) CQE_SIZE * params.get(JAVA_INT, 4);
            if ((features & FEAT_SINGLE_MMAP) != 0) {
                sqRing = libc.mmapShared(Math.max(sqSize, cqSize), ringFd, OFF_SQ_RING, "io_uring rings");
                cqRing = sqRing;
            } else {
                sqRing = libc.mmapShared(sqSize, ringFd, OFF_SQ_RING, "io_uring submission ring");
                cqRing = libc.mmapShared(cqSize, ringFd, OFF_CQ_RING, "io_uring completion ring");
            }
            MemorySegment sqes = libc.mmapShared((long) SQE_SIZE * params.get(JAVA_INT, 0), ringFd, OFF_SQES, "io_uring submission entries");
            MemorySegment waitArgument = arena.allocate(GETEVENTS_ARG_SIZE + 16, 8);
            waitArgument.set(JAVA_LONG, 16, waitArgument.address() + GETEVENTS_ARG_SIZE); // ts -> the timespec after it
            return new Ring(libc, ringFd, params, sqRing, cqRing, sqes, waitArgument);
        } catch (IOException | RuntimeException e) {
            if (cqRing != null && cqRing != sqRing) {
                libc.munmap(cqRing);
            }
            if (sqRing != null) {
                libc.munmap(sqRing);
            }
            libc.close(ringFd);
            throw e;
        }
    }

    /** Why io_uring cannot run on this machine, or empty when it can: sets up a tiny ring and closes it. */
    public static java.util.Optional<String> unavailability() {
        try (Arena arena = Arena.ofConfined()) {
            Libc libc = new Libc(arena);
            open(libc, arena, 2, 4).close();
            return java.util.Optional.empty();
        } catch (ModelUnavailableException e) {
            return java.util.Optional.of(e.getMessage());
        } catch (IOException e) {
            return java.util.Optional.empty(); // a fault, not a missing io_uring: let the model start and report it
        }
    }

    private static long setup(Libc libc, MemorySegment params, int entries, int cqEntries, int flags) {
        params.fill((byte) 0);
        params.set(JAVA_INT, 4, cqEntries);
        params.set(JAVA_INT, 8, flags);
        return libc.syscall(Libc.SYS_IO_URING_SETUP, entries, params.address(), 0, 0, 0, 0);
    }

    /** ENOSYS, EPERM or EACCES: the kernel has no io_uring, or it is switched off; anything else is a fault. */
    static IOException setupFailure(int negatedErrno) {
        int errno = -negatedErrno;
        String reason = "io-uring: io_uring_setup failed with " + Errno.describe(errno);
        return switch (errno) {
            case Errno.ENOSYS -> new ModelUnavailableException(reason + ": this kernel has no io_uring");
            case Errno.EPERM, 13 -> new ModelUnavailableException(reason + ": io_uring is switched off here ("
                    + disabledSysctl() + ", or a seccomp filter of the container)");
            default -> new IOException(reason);
        };
    }

    private static String disabledSysctl() {
        Path sysctl = Path.of("/proc/sys/kernel/io_uring_disabled");
        try {
            return "kernel.io_uring_disabled = " + Files.readString(sysctl).trim();
        } catch (IOException e) {
            return "no " + sysctl + " to read"; // a kernel before 6.6 has no such sysctl
        }
    }

    int fd() {
        return fd;
    }

    /**
     * Queues one submission; the kernel sees it at the next {@link #submitAndWait} or
     * {@link #submit}. A full queue is first handed to the kernel.
     */
    void push(byte opcode, byte flags, short ioprio, int targetFd, long off, long addr, int len, int opFlags,
              long userData, short bufGroup) {
        if (sqTail - (int) INT.getAcquire(sqRing, sqHeadOffset) == sqEntries) {
            submit();
        }
        long sqe = (long) (sqTail & sqMask) * SQE_SIZE;
        sqes.set(JAVA_BYTE, sqe, opcode);
        sqes.set(JAVA_BYTE, sqe + 1, flags);
        sqes.set(JAVA_SHORT, sqe + 2, ioprio);
        sqes.set(JAVA_INT, sqe + 4, targetFd);
        sqes.set(JAVA_LONG, sqe + 8, off);
        sqes.set(JAVA_LONG, sqe + 16, addr);
        sqes.set(JAVA_INT, sqe + 24, len);
        sqes.set(JAVA_INT, sqe + 28, opFlags);
        sqes.set(JAVA_LONG, sqe + 32, userData);
        sqes.set(JAVA_INT, sqe + 40, bufGroup & 0xFFFF); // buf_group, and personality 0
        sqes.set(JAVA_INT, sqe + 44, 0);
        sqes.set(JAVA_LONG, sqe + 48, 0L);
        sqes.set(JAVA_LONG, sqe + 56, 0L);
        sqTail++;
    }

    /** Publishes the queued submissions; how many the kernel has not yet taken. */
    private int publish() {
        INT.setRelease(sqRing, sqTailOffset, sqTail);
        return sqTail - (int) INT.getAcquire(sqRing, sqHeadOffset);
    }

    /** Hands every queued submission to the kernel without waiting; fails only on a broken ring. */
    void submit() {
        long result;
        do {
            result = libc.syscall(Libc.SYS_IO_URING_ENTER, fd, publish(), 0, 0, 0, 0);
        } while (result == -Errno.EINTR);
        if (result < 0 && result != -Errno.EAGAIN && result != -Errno.EBUSY) {
            throw new IllegalStateException("io_uring_enter failed: " + Errno.describe((int) result));
        }
    }

    /**
     * One io_uring_enter: submits everything queued and waits until at least one completion is
     * ready or {@code timeoutNanos} pass. A timeout or signal is not an error; a broken ring is.
     */
    void submitAndWait(long timeoutNanos) {
        waitArgument.set(JAVA_LONG, GETEVENTS_ARG_SIZE, timeoutNanos / 1_000_000_000L);
        waitArgument.set(JAVA_LONG, GETEVENTS_ARG_SIZE + 8, timeoutNanos % 1_000_000_000L);
        long result = libc.syscall(Libc.SYS_IO_URING_ENTER, fd, publish(), 1, ENTER_GETEVENTS | ENTER_EXT_ARG,
                waitArgument.address(), GETEVENTS_ARG_SIZE);
        if (result < 0 && result != -Errno.ETIME && result != -Errno.EINTR && result != -Errno.EAGAIN && result != -Errno.EBUSY) {
            throw new IllegalStateException("io_uring_enter failed: " + Errno.describe((int) result));
        }
    }

    /** io_uring_register(2) with {@code opcode}; the kernel's result, or a negated errno. */
    long register(int opcode, MemorySegment argument, int count) {
        return libc.syscall(Libc.SYS_IO_URING_REGISTER, fd, opcode, argument.address(), count, 0, 0);
    }

    /** The position of the first unread completion. */
    int cqHead() {
        return cqHead;
    }

    /** The position after the last completion the kernel has published (acquire: the entries before it are visible). */
    int cqTail() {
        return (int) INT.getAcquire(cqRing, cqTailOffset);
    }

    long userData(int position) {
        return cqRing.get(JAVA_LONG, cqesOffset + (long) (position & cqMask) * CQE_SIZE);
    }

    int result(int position) {
        return cqRing.get(JAVA_INT, cqesOffset + (long) (position & cqMask) * CQE_SIZE + 8);
    }

    int flags(int position) {
        return cqRing.get(JAVA_INT, cqesOffset + (long) (position & cqMask) * CQE_SIZE + 12);
    }

    /** Gives the completions before {@code position} back to the kernel (release: our reads of them come first). */
    void consumedUpTo(int position) {
        cqHead = position;
        INT.setRelease(cqRing, cqHeadOffset, position);
    }

    /** Unmaps the rings and closes the ring's descriptor; the kernel then cancels whatever is still in flight. */
    @Override
    public void close() {
        libc.munmap(sqes);
        if (cqRing != sqRing) {
            libc.munmap(cqRing);
        }
        libc.munmap(sqRing);
        libc.close(fd);
    }
}
