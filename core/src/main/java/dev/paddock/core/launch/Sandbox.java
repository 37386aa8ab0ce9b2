package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyBuilder;
import dev.paddock.core.policy.PolicyCompiler;

import java.util.List;

/**
 * The library's front door: a Landlock policy from which sandboxed commands are started, in the spirit of
 * {@link ProcessBuilder}. Only the children are confined; the JVM never is.
 *
 * <pre>{@code
 * Sandbox sandbox = Sandbox.builder().readExec("/usr").readWrite("/tmp/work").connectTcp(443).build();
 * Process p = sandbox.command("curl", "https://example.org").inheritIO().start();
 * }</pre>
 */
public final class Sandbox {
    private final Policy policy;
    private final boolean allowUnsandboxed;

    private Sandbox(Policy policy, boolean allowUnsandboxed) {
        this.policy = policy;
        this.allowUnsandboxed = allowUnsandboxed;
    }

    /**
     * Makes this JVM the reaper of its sandboxes' orphans (or stops), so that Stop leaves no zombie even where
     * process 1 does not reap, as in many containers. Off by default: it changes the whole JVM, whose other
     * children's orphans it then adopts too (see docs/SECURITY.md).
     *
     * @param adopt true to become the reaper, false to stop
     * @return whether the kernel agreed
     */
    public static boolean adoptOrphans(boolean adopt) {
        return dev.paddock.core.launch.process.Orphans.set(adopt);
    }

    /**
     * Starts composing a sandbox.
     *
     * @return a builder with nothing allowed yet
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A sandbox for an existing policy; it refuses to run where Landlock would restrict nothing.
     *
     * @param policy what the sandbox allows
     * @return the sandbox
     */
    public static Sandbox of(Policy policy) {
        return new Sandbox(policy, false);
    }

    /**
     * The same sandbox, but one that runs its commands even where Landlock restricts nothing (report NOT_ENFORCED).
     * This is the explicit opt-in that a launch without protection needs.
     *
     * @return the sandbox, allowing unsandboxed runs
     */
    public Sandbox allowingUnsandboxed() {
        return new Sandbox(policy, true);
    }

    /**
     * What this sandbox allows.
     *
     * @return the policy
     */
    public Policy policy() {
        return policy;
    }

    /**
     * Whether its commands run even where Landlock restricts nothing.
     *
     * @return true after {@link #allowingUnsandboxed()} or {@link Builder#allowUnsandboxed(boolean)}
     */
    public boolean allowsUnsandboxed() {
        return allowUnsandboxed;
    }

    /**
     * A command to run in this sandbox; with no words, the policy's own command.
     *
     * @param command the program and its arguments
     * @return the command, to configure and start
     */
    public SandboxedCommand command(String... command) {
        return command(List.of(command));
    }

    /**
     * A command to run in this sandbox; with no words, the policy's own command.
     *
     * @param command the program and its arguments
     * @return the command, to configure and start
     */
    public SandboxedCommand command(List<String> command) {
        return new SandboxedCommand(this, command.isEmpty() ? policy.command() : command);
    }

    /**
     * What this kernel would enforce for the policy (without the rules add-exec and ldd add at launch).
     *
     * @return the policy compiled for this kernel
     * @throws SandboxException when the policy cannot be compiled
     */
    public CompiledPolicy preview() throws SandboxException {
        return PolicyCompiler.compile(policy, LandlockSupport.detect(), List.of());
    }

    /** Composes a sandbox: the policy's fluent methods, plus the opt-in to run unsandboxed. */
    public static final class Builder extends PolicyBuilder<Builder> {
        private boolean allowUnsandboxed;

        private Builder() {
        }

        /**
         * Explicitly allow running where Landlock restricts nothing; off by default.
         *
         * @param value true to allow it
         * @return this builder
         */
        public Builder allowUnsandboxed(boolean value) {
            allowUnsandboxed = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The sandbox composed so far.
         *
         * @return the sandbox
         */
        public Sandbox build() {
            return new Sandbox(buildPolicy(), allowUnsandboxed);
        }
    }
}
