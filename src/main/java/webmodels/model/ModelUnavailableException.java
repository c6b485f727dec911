package webmodels.model;

import java.io.IOException;

/**
 * {@link Server#start()} failed because this machine cannot run the model at all (the kernel lacks
 * the interface, or a policy forbids it), not because of a fault: tests and smoke runs skip the
 * model with this message instead of failing.
 */
public class ModelUnavailableException extends IOException {

    public ModelUnavailableException(String message) {
        super(message);
    }
}
