package webmodels.model.iouring;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc functions io-uring needs, called through the FFM API. Every call returns what the
 * kernel returns, with a failure as {@code -errno} (liburing's convention), so that the hot path
 * (io_uring_enter) pays for no exception and the cold path can name the error with {@link Errno}.
 *
 * <p>One instance per thread that calls: it owns the memory where the linker captures errno.
 */
public final class Libc {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITALL = 0x100;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int EFD_CLOEXEC = 0x80000;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int MAP_POPULATE = 0x8000;
    static final long MAP_FAILED = -1L;

    static final long SYS_IO_URING_SETUP = 425;
    static final long SYS_IO_URING_ENTER = 426;
    static final long SYS_IO_URING_REGISTER = 427;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** {@code long syscall(long number, ...)}: six longs after the number, as glibc reads them (va_arg(ap, long)). */
    private static final MethodHandle SYSCALL = downcall("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle LISTEN = downcall("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle GETSOCKNAME = downcall("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle SHUTDOWN = downcall("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle SEND = downcall("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle MUNMAP = downcall("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);

    private final MemorySegment callState;

    /** Errno is captured into memory of {@code arena}, which must live as long as this. */
    public Libc(Arena arena) {
        this.callState = arena.allocate(CALL_STATE);
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    private long orErrno(long result) {
        return result == -1 ? -(int) ERRNO.get(callState, 0L) : result;
    }

    long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return orErrno((long) SYSCALL.invokeExact(callState, number, a1, a2, a3, a4, a5, a6));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t); // a downcall throws nothing: this is a bug
        }
    }

    int socket(int domain, int type, int protocol) {
        try {
            return (int) orErrno((int) SOCKET.invokeExact(callState, domain, type, protocol));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    int setsockopt(int fd, int level, int name, MemorySegment value) {
        try {
            return (int) orErrno((int) SETSOCKOPT.invokeExact(callState, fd, level, name, value, (int) value.byteSize()));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    int bind(int fd, MemorySegment address) {
        try {
            return (int) orErrno((int) BIND.invokeExact(callState, fd, address, (int) address.byteSize()));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    int listen(int fd, int backlog) {
        try {
            return (int) orErrno((int) LISTEN.invokeExact(callState, fd, backlog));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    int getsockname(int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) orErrno((int) GETSOCKNAME.invokeExact(callState, fd, address, length));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    int shutdown(int fd, int how) {
        try {
            return (int) orErrno((int) SHUTDOWN.invokeExact(callState, fd, how));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    int close(int fd) {
        try {
            return (int) orErrno((int) CLOSE.invokeExact(callState, fd));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    int eventfd(int initial, int flags) {
        try {
            return (int) orErrno((int) EVENTFD.invokeExact(callState, initial, flags));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    long write(int fd, MemorySegment data) {
        try {
            return orErrno((long) WRITE.invokeExact(callState, fd, data, data.byteSize()));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    long send(int fd, MemorySegment data, int flags) {
        try {
            return orErrno((long) SEND.invokeExact(callState, fd, data, data.byteSize(), flags));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }

    /** Maps {@code length} bytes of {@code fd} at {@code offset}, shared with the kernel; the segment, or an IOException naming errno. */
    MemorySegment mmapShared(long length, int fd, long offset, String what) throws java.io.IOException {
        MemorySegment address;
        try {
            address = (MemorySegment) MMAP.invokeExact(callState, MemorySegment.NULL, length,
                    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, offset);
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
        if (address.address() == MAP_FAILED) {
            throw Errno.exception("mmap of the " + what, -(int) ERRNO.get(callState, 0L));
        }
        return address.reinterpret(length);
    }

    int munmap(MemorySegment mapped) {
        try {
            return (int) orErrno((int) MUNMAP.invokeExact(callState, mapped, mapped.byteSize()));
        } catch (Throwable t) {
            throw new AssertionError("downcall failed", t);
        }
    }
}
