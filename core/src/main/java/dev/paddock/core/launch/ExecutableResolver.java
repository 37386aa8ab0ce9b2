package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Finds the program to run the way execvp(3) does, but with a PATH the caller chooses (normally the child's). */
public final class ExecutableResolver {
    /** What execvp uses when the environment has no PATH. */
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ExecutableResolver() {
    }

    /**
     * Resolves {@code command} to an absolute path. A name with a slash is taken relative to {@code directory};
     * a bare name is looked up in {@code searchPath} (DEFAULT_PATH when null).
     *
     * @param command    the program, a bare name or a path
     * @param searchPath the PATH to look a bare name up in, or null
     * @param directory  where a relative path is taken from
     * @return the program's absolute path
     * @throws SandboxException when it is not found or is not an executable file
     */
    public static Path resolve(String command, String searchPath, Path directory) throws SandboxException {
        if (command == null || command.isEmpty()) {
            throw new SandboxException(SandboxException.Reason.COMMAND_NOT_FOUND, "no command was given to run");
        }
        try {
            if (command.contains("/")) {
                Path path = directory.resolve(command).toAbsolutePath();
                if (!Files.exists(path)) {
                    throw notFound(command + " does not exist");
                }
                if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                    throw notFound(command + " is not an executable file");
                }
                return path;
            }
            String path = searchPath == null ? DEFAULT_PATH : searchPath;
            for (String dir : path.split(":", -1)) {
                Path candidate = (dir.isEmpty() ? directory : directory.resolve(dir)).resolve(command).toAbsolutePath();
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
            throw notFound("command not found: " + command + " (searched PATH=" + path + ")");
        } catch (InvalidPathException e) {
            throw notFound("\"" + command + "\" is not a valid command name");
        }
    }

    private static SandboxException notFound(String message) {
        return new SandboxException(SandboxException.Reason.COMMAND_NOT_FOUND, message);
    }
}
