package webmodels.model.iouring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import webmodels.model.ModelUnavailableException;

/** How a refused io_uring_setup is told apart: a machine without io_uring skips the model, a fault fails it. */
class RingTest {

    @Test
    void aSwitchedOffIoUringIsUnavailableAndNamesErrnoAndTheSysctl() {
        IOException e = Ring.setupFailure(-Errno.EPERM);
        assertInstanceOf(ModelUnavailableException.class, e);
        assertTrue(e.getMessage().contains("EPERM"), e.getMessage());
        assertTrue(e.getMessage().contains("io_uring_disabled"), e.getMessage());
    }

    @Test
    void aKernelWithoutIoUringIsUnavailable() {
        IOException e = Ring.setupFailure(-Errno.ENOSYS);
        assertInstanceOf(ModelUnavailableException.class, e);
        assertTrue(e.getMessage().contains("ENOSYS"), e.getMessage());
    }

    @Test
    void anyOtherSetupFailureIsAFaultNotASkip() {
        IOException e = Ring.setupFailure(-Errno.ENOMEM);
        assertFalse(e instanceof ModelUnavailableException, e.getMessage());
        assertTrue(e.getMessage().contains("ENOMEM"), e.getMessage());
    }
}
