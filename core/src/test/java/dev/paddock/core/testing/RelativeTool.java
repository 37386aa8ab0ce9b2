package dev.paddock.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A working directory holding {@code ./tool}, a profile that runs it from there, and another directory, the caller's,
 * holding a decoy {@code ./tool}: a relative command must run the first, whatever directory the run is started from.
 *
 * @param workingDirectory the profile's working directory, with the real tool
 * @param callerDirectory  where the run is started from, with the decoy
 * @param profile          the profile: {@code ["./tool", "arg"]} in {@code ${PROFILE_DIR}/work}, /usr and work rox
 */
public record RelativeTool(Path workingDirectory, Path callerDirectory, Path profile) {

    public static RelativeTool in(Path root) throws IOException {
        Path work = Files.createDirectories(root.resolve("work"));
        Path caller = Files.createDirectories(root.resolve("caller"));
        script(work.resolve("tool"), "#!/bin/sh\necho \"tool in work: $1\"\n");
        script(caller.resolve("tool"), "#!/bin/sh\necho \"decoy in the caller's directory\"\n");
        Path profile = Files.writeString(root.resolve("tool.json"), """
                {"formatVersion": 1, "name": "Relative tool", "command": ["./tool", "arg"],
                 "workingDirectory": "${PROFILE_DIR}/work",
                 "paths": [{"path": "/usr", "mode": "rox"}, {"path": "${PROFILE_DIR}/work", "mode": "rox"}]}
                """);
        for (Path path : new Path[] {root, work, caller, profile}) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        return new RelativeTool(work, caller, profile);
    }

    private static void script(Path path, String text) throws IOException {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
