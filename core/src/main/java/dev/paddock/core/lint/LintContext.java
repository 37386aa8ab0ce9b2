package dev.paddock.core.lint;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.profile.PathVariables;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a profile is judged: the kernel, the environment its variables come from and that passed variables take their
 * values from, the current folder (${PWD}), the profile's file (${PROFILE_DIR}), and the kernel's list of bound UNIX
 * sockets. Variables are expanded the way a launch expands them.
 *
 * @param support          what the kernel enforces
 * @param environment      the caller's environment: HOME, PATH, XDG_RUNTIME_DIR, SSH_AUTH_SOCK and the rest
 * @param currentDirectory the folder ${PWD} stands for
 * @param profileFile      the profile's file, for ${PROFILE_DIR}, or null for a profile not saved yet
 * @param socketList       the kernel's list of bound UNIX sockets, normally /proc/net/unix
 */
public record LintContext(LandlockSupport support, Map<String, String> environment, Path currentDirectory,
                          Path profileFile, Path socketList) {

    /** The kernel's list of the UNIX sockets bound in this network namespace. */
    public static final Path PROC_NET_UNIX = Path.of("/proc/net/unix");

    public LintContext {
        if (support == null || environment == null || currentDirectory == null || socketList == null) {
            throw new IllegalArgumentException("a lint context needs the kernel, an environment, a current folder "
                    + "and a socket list");
        }
        environment = Map.copyOf(environment);
        currentDirectory = currentDirectory.toAbsolutePath();
    }

    /** This process: its kernel, environment and current folder, for a profile in {@code profileFile} (or null). */
    public static LintContext ofProcess(Path profileFile) {
        return new LintContext(LandlockSupport.detect(), System.getenv(), Path.of(""), profileFile, PROC_NET_UNIX);
    }

    /** The same context for another profile file. */
    public LintContext forFile(Path file) {
        return new LintContext(support, environment, currentDirectory, file, socketList);
    }

    /** The variables paths are expanded with, as a launch from this context expands them. */
    public PathVariables variables() {
        return PathVariables.of(environment, profileFile, currentDirectory);
    }

    /** The home folder, where links lead, or null when HOME is not set to an absolute path. */
    Path home() {
        String home = environment.get("HOME");
        return home == null || !home.startsWith("/") ? null : Grants.resolve(Path.of(home));
    }
}
