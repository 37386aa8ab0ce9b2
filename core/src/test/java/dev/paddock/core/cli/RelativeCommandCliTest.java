package dev.paddock.core.cli;

import dev.paddock.core.testing.RelativeTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relative command in a profile ({@code ./tool}) is resolved against the run's working directory, the profile's,
 * by {@code run --profile} and {@code check} alike, wherever they are started from; never against the caller's.
 */
class RelativeCommandCliTest {
    @TempDir
    Path root;

    @Test
    void runProfileRunsTheToolInTheProfilesWorkingDirectoryNotTheCallers() throws Exception {
        RelativeTool tool = RelativeTool.in(root);
        CliTest.Result result = CliTest.paddockIn(tool.callerDirectory(), "run", "--profile",
                tool.profile().toString());
        assertEquals("tool in work: arg\n", result.out(), result.err());
        assertEquals(0, result.exit());
    }

    @Test
    void asNobodyToo() throws Exception {
        RelativeTool tool = RelativeTool.in(root);
        CliTest.Result result = CliTest.paddockAsNobody(tool.callerDirectory(), "run", "--profile",
                tool.profile().toString());
        assertEquals("tool in work: arg\n", result.out(), result.err());
        assertEquals(0, result.exit());
    }

    @Test
    void checkFindsTheSameTool() throws Exception {
        RelativeTool tool = RelativeTool.in(root);
        CliTest.Result result = CliTest.paddockIn(tool.callerDirectory(), "check", tool.profile().toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("Program:   " + tool.workingDirectory().resolve("./tool") + "\n"),
                result.out());
        assertTrue(result.out().contains("OK: the profile is valid and can run here."), result.out());
    }

    @Test
    void aRelativeCommandGivenOnTheCommandLineIsResolvedAgainstTheCallersDirectory() throws Exception {
        RelativeTool tool = RelativeTool.in(root);
        CliTest.Result result = CliTest.paddockIn(tool.callerDirectory(), "run", "--rox", "/usr,.", "--", "./tool");
        assertEquals("decoy in the caller's directory\n", result.out(), result.err());
    }
}
