package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.io.File;

/** The sentences a launch fails with, the same for a spawned child and for the CLI's execve. */
final class LaunchFailure {

    private LaunchFailure() {
    }

    /** landlock_restrict_self failed. */
    static SandboxException confine(int errno) {
        return new SandboxException(SandboxException.Reason.KERNEL_REFUSED, errno == Errno.E2BIG
                ? "the sandbox cannot be nested deeper: Landlock allows at most 16 stacked sandboxes"
                : "landlock_restrict_self failed: " + LibC.describe(errno));
    }

    /** The seccomp filter was refused. */
    static SandboxException seccomp(int errno) {
        return new SandboxException(SandboxException.Reason.KERNEL_REFUSED,
                "the kernel refused Paddock's seccomp filter: " + LibC.describe(errno));
    }

    /** posix_spawn or execve failed with errno. */
    static SandboxException exec(String path, int errno, String directory) {
        String program = withoutDotSegments(path);
        String message = switch (errno) {
            case Errno.EACCES -> "cannot execute " + program + ": permission denied; running it needs rox on it or "
                    + "its folder (or add-exec), the same on its interpreter if it is a #! script, and reading its "
                    + "ELF interpreter (ldd)";
            case Errno.ENOENT -> directory != null && !new File(directory).isDirectory()
                    ? "the working directory " + directory + " does not exist"
                    : "cannot execute " + program + ": it or its ELF interpreter does not exist";
            case Errno.ENOEXEC -> "cannot execute " + program + ": it is not a program this system can run";
            default -> "cannot start " + program + ": " + LibC.describe(errno);
        };
        return new SandboxException(errno == Errno.ENOENT ? SandboxException.Reason.COMMAND_NOT_FOUND
                : SandboxException.Reason.SPAWN_FAILED, message);
    }

    /** "/home/u/./tool" as "/home/u/tool": only "." segments go, since ".." may cross a link. */
    static String withoutDotSegments(String path) {
        String clean = path;
        while (clean.contains("/./")) {
            clean = clean.replace("/./", "/");
        }
        return clean.endsWith("/.") && clean.length() > 2 ? clean.substring(0, clean.length() - 2) : clean;
    }
}
