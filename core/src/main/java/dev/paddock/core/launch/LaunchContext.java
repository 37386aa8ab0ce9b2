package dev.paddock.core.launch;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.Policy;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a launch happens: the PATH a bare program name is looked up on, the run's working directory (where a
 * relative one is found and the child starts), the LD_LIBRARY_PATH that ldd follows, and the kernel. Built once per
 * launch or prediction and handed to {@link LaunchPlan#prepare}, the one way to prepare a launch.
 *
 * @param searchPath    the PATH to look a bare program name up in
 * @param directory     the run's working directory
 * @param ldLibraryPath the child's LD_LIBRARY_PATH, or null
 * @param support       what the kernel enforces
 */
public record LaunchContext(String searchPath, Path directory, String ldLibraryPath, LandlockSupport support) {

    /**
     * As the library and the app launch: everything from the child's own environment.
     *
     * @param childEnvironment the child's environment
     * @param directory        the child's working directory, or null for the current one
     * @return the context, with this kernel's support detected
     */
    public static LaunchContext forChild(Map<String, String> childEnvironment, String directory) {
        return new LaunchContext(childEnvironment.get("PATH"), LaunchPlan.workingDirectory(directory),
                childEnvironment.get("LD_LIBRARY_PATH"), LandlockSupport.detect());
    }

    /**
     * As the app predicts a profile's run: the child's environment as the policy gives it.
     *
     * @param policy the policy to run (its variables expanded)
     * @return the context, with this kernel's support detected
     */
    public static LaunchContext forChild(Policy policy) {
        return forChild(EnvVar.resolve(policy.environment(), System.getenv()), policy.workingDirectory());
    }

    /**
     * As {@code paddock run} and {@code check} launch, like landrun: a bare program name on the caller's PATH, since
     * the child's environment is empty unless the policy passes one; ldd follows the child's LD_LIBRARY_PATH.
     *
     * @param policy the policy to run (its variables expanded)
     * @return the context, with this kernel's support detected
     */
    public static LaunchContext forCommandLine(Policy policy) {
        Map<String, String> child = EnvVar.resolve(policy.environment(), System.getenv());
        return new LaunchContext(System.getenv("PATH"), LaunchPlan.workingDirectory(policy.workingDirectory()),
                child.get("LD_LIBRARY_PATH"), LandlockSupport.detect());
    }
}
