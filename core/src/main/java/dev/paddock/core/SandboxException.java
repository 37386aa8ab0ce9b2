package dev.paddock.core;

import java.io.IOException;

/**
 * A sandbox could not be built or started. The message is one sentence for the user that names the path, port,
 * flag or kernel feature at fault, and says what to do.
 */
public final class SandboxException extends IOException {

    /** Why the sandbox could not be made. */
    public enum Reason {
        /** A path a rule names does not exist (and the rule is not optional). */
        MISSING_PATH,
        /** Strict mode, and this kernel cannot enforce all of the policy. */
        NOT_FULLY_ENFORCED,
        /** Landlock would restrict nothing for this launch, and it did not opt in to run unsandboxed. */
        LANDLOCK_UNAVAILABLE,
        /** The program is not found, or is not an executable file. */
        COMMAND_NOT_FOUND,
        /** A Landlock or seccomp system call failed. */
        KERNEL_REFUSED,
        /** The child could not be started. */
        SPAWN_FAILED,
        /** The policy names something Paddock cannot use: a path that is not valid, a program ldd refuses. */
        INVALID_POLICY
    }

    /** Why the sandbox could not be made. */
    private final Reason reason;

    /**
     * A failure with no underlying exception.
     *
     * @param reason  what kind of failure
     * @param message one sentence for the user
     */
    public SandboxException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * A failure caused by another exception.
     *
     * @param reason  what kind of failure
     * @param message one sentence for the user
     * @param cause   the exception behind it
     */
    public SandboxException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Why the sandbox could not be made.
     *
     * @return the kind of failure
     */
    public Reason reason() {
        return reason;
    }
}
