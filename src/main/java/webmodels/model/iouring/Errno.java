package webmodels.model.iouring;

import java.io.IOException;
import java.util.Map;

/** Linux x86-64 errno numbers by the names a reader looks up, for messages that say what the kernel said. */
public final class Errno {

    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int ENOSYS = 38;
    static final int ETIME = 62;
    static final int ENOBUFS = 105;
    static final int ECANCELED = 125;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM (operation not permitted)"),
            Map.entry(2, "ENOENT (no such file or directory)"),
            Map.entry(EINTR, "EINTR (interrupted system call)"),
            Map.entry(9, "EBADF (bad file descriptor)"),
            Map.entry(EAGAIN, "EAGAIN (try again)"),
            Map.entry(ENOMEM, "ENOMEM (out of memory)"),
            Map.entry(13, "EACCES (permission denied)"),
            Map.entry(14, "EFAULT (bad address)"),
            Map.entry(EBUSY, "EBUSY (device or resource busy)"),
            Map.entry(EINVAL, "EINVAL (invalid argument)"),
            Map.entry(ENFILE, "ENFILE (file table overflow)"),
            Map.entry(EMFILE, "EMFILE (too many open files)"),
            Map.entry(32, "EPIPE (broken pipe)"),
            Map.entry(ENOSYS, "ENOSYS (function not implemented)"),
            Map.entry(ETIME, "ETIME (timer expired)"),
            Map.entry(95, "EOPNOTSUPP (operation not supported)"),
            Map.entry(97, "EAFNOSUPPORT (address family not supported)"),
            Map.entry(98, "EADDRINUSE (address already in use)"),
            Map.entry(99, "EADDRNOTAVAIL (cannot assign requested address)"),
            Map.entry(103, "ECONNABORTED (software caused connection abort)"),
            Map.entry(104, "ECONNRESET (connection reset by peer)"),
            Map.entry(ENOBUFS, "ENOBUFS (no buffer space available)"),
            Map.entry(110, "ETIMEDOUT (connection timed out)"),
            Map.entry(ECANCELED, "ECANCELED (operation canceled)"));

    private Errno() {
    }

    /** "EPERM (operation not permitted)" for 1 or -1; "errno 200" for a number not in the table. */
    public static String describe(int errno) {
        return NAMES.getOrDefault(Math.abs(errno), "errno " + Math.abs(errno));
    }

    /** "io_uring_setup failed: EPERM (operation not permitted)". */
    static IOException exception(String what, int errno) {
        return new IOException(what + " failed: " + describe(errno));
    }

    /** Throws {@link #exception} when {@code result} is a negated errno, else returns it. */
    static long check(long result, String what) throws IOException {
        if (result < 0) {
            throw exception(what, (int) result);
        }
        return result;
    }
}
