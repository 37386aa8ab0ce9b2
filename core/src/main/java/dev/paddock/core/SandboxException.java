package dev.paddock.core;

import java.io.IOException;

/**
 * A sandbox could not be built or started. The message is one sentence for the user that names the path, port,
 * flag or kernel feature at fault, and says what to do.
 */
public final class SandboxException extends IOException {

    /** Why the sandbox could not be made. */
    public enum Reason {
        MISSING_PATH, NOT_FULLY_ENFORCED, LANDLOCK_UNAVAILABLE, COMMAND_NOT_FOUND, KERNEL_REFUSED, SPAWN_FAILED,
        INVALID_POLICY
    }

    private final Reason reason;

    public SandboxException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SandboxException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
