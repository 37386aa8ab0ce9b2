package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler;
import dev.paddock.core.policy.PolicyCompiler.AddedRule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a policy will run here: its program resolved, the rules add-exec and ldd add for it, and the whole compiled
 * for this kernel. The one place that decides this, for the library, the CLI and the app's live prediction alike.
 *
 * @param executable the resolved program, or null when the policy has no command
 * @param compiled   the ruleset plan and enforcement report
 */
public record LaunchPlan(Path executable, CompiledPolicy compiled) {

    /**
     * The run's working directory, where a relative program name such as {@code ./tool} is resolved: the policy's
     * (variables already expanded; a relative one is taken from the caller's), else the caller's current directory.
     * The child starts there too, so the program that is checked is the program that runs.
     *
     * @param policyDirectory the policy's working directory, or null
     * @return the absolute working directory
     */
    public static Path workingDirectory(String policyDirectory) {
        Path current = Path.of("").toAbsolutePath();
        return policyDirectory == null ? current : current.resolve(policyDirectory);
    }

    /**
     * Prepares a launch of the policy in the context: the one way the library, the CLI and the app do it.
     *
     * @param policy  the policy to launch (its variables expanded)
     * @param context where the program is resolved, and what the kernel enforces
     * @return the program resolved and the policy compiled, with the add-exec and ldd rules
     * @throws SandboxException when the program or the directory is missing, or the policy cannot be compiled
     */
    public static LaunchPlan prepare(Policy policy, LaunchContext context) throws SandboxException {
        return prepare(policy, context, List.of());
    }

    /**
     * Prepares a launch with further rules.
     *
     * @param policy  the policy to launch (its variables expanded)
     * @param context where the program is resolved, and what the kernel enforces
     * @param extra   further rules, such as the terminal's
     * @return the program resolved and the policy compiled, with the add-exec, ldd and further rules
     * @throws SandboxException when the program or the directory is missing, or the policy cannot be compiled
     */
    public static LaunchPlan prepare(Policy policy, LaunchContext context, List<AddedRule> extra)
            throws SandboxException {
        requireDirectory(context.directory());
        Path executable = null;
        List<AddedRule> added = new ArrayList<>();
        if (!policy.command().isEmpty()) {
            executable = ExecutableResolver.resolve(policy.command().get(0), context.searchPath(),
                    context.directory());
            added.addAll(ExecutableRules.forExecutable(policy, executable, context.ldLibraryPath()));
        }
        added.addAll(extra);
        LandlockSupport support = context.support();
        return new LaunchPlan(executable, PolicyCompiler.compile(policy, support, added));
    }

    /**
     * A run cannot start in a working directory that is not there; saying so here, where every launch and every
     * prediction passes, keeps check, the app's prediction and the runs themselves in agreement.
     */
    private static void requireDirectory(Path directory) throws SandboxException {
        if (!Files.isDirectory(directory)) {
            throw new SandboxException(SandboxException.Reason.MISSING_PATH, "the working directory " + directory
                    + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
    }
}
