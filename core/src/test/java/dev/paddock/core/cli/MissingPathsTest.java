package dev.paddock.core.cli;

import dev.paddock.core.SandboxException;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.ProfileFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.paddock.core.cli.CliTest.paddock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A profile with a path that does not exist is refused the same way, with the same sentence, by {@code check},
 * {@code run --profile} and the library (and so by the app, which runs through the library), unless the profile sets
 * ignoreMissing; then all of them run it. The same holds for a working directory that does not exist.
 */
class MissingPathsTest {
    @TempDir
    Path dir;

    private Path profile(String name, String extra) throws Exception {
        return Files.writeString(dir.resolve(name + ".json"), """
                {"formatVersion": 1, "name": "%s", "command": ["/usr/bin/true"], %s
                 "paths": [{"path": "/usr", "mode": "rox"}, {"path": "${PROFILE_DIR}/missing", "mode": "ro"}]}
                """.formatted(name, extra));
    }

    private static String libraryRefusal(Path file) throws Exception {
        Policy policy = PathVariables.ofProcess(file).expand(ProfileFiles.load(file).policy());
        return assertThrows(SandboxException.class, () -> Sandbox.of(policy).command().start()).getMessage();
    }

    private static int libraryExit(Path file) throws Exception {
        Policy policy = PathVariables.ofProcess(file).expand(ProfileFiles.load(file).policy());
        SandboxedProcess process = Sandbox.of(policy).command().start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue();
    }

    private static void refusedAlike(Path file, String sentence) throws Exception {
        CliTest.Result check = paddock("check", file.toString());
        assertEquals("paddock: " + sentence + "\n", check.err(), "check");
        assertEquals(1, check.exit());
        CliTest.Result run = paddock("run", "--profile", file.toString());
        assertEquals("paddock: " + sentence + "\n", run.err(), "run --profile");
        assertEquals(1, run.exit());
        assertEquals(sentence, libraryRefusal(file), "the library");
    }

    @Test
    void aMissingPathIsRefusedByCheckRunAndTheLibraryWithOneSentence() throws Exception {
        refusedAlike(profile("missing", ""), "the path " + dir.resolve("missing") + " does not exist: create it, "
                + "remove its rule, or ignore missing paths (--ignore-missing; in a profile, \"ignoreMissing\": true or the rule's \"optional\")");
    }

    @Test
    void withIgnoreMissingCheckRunAndTheLibraryAllSkipIt() throws Exception {
        Path file = profile("ignored", "\"ignoreMissing\": true,");
        CliTest.Result check = paddock("check", file.toString());
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().contains("note: skipped " + dir.resolve("missing") + ": it does not exist"),
                check.out());
        assertEquals(0, paddock("run", "--profile", file.toString()).exit());
        assertEquals(0, libraryExit(file));
    }

    @Test
    void aMissingWorkingDirectoryIsRefusedAlikeToo() throws Exception {
        Files.createDirectories(dir.resolve("missing"));
        Path file = profile("nowhere", "\"workingDirectory\": \"${PROFILE_DIR}/gone\",");
        refusedAlike(file, "the working directory " + dir.resolve("gone") + " does not exist");
    }
}
