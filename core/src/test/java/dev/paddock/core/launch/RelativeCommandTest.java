package dev.paddock.core.launch;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.testing.RelativeTool;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library resolves a relative command ({@code ./tool}) against the run's working directory: the profile's
 * (after its variables are expanded), or the one given to the command; the JVM's only when there is neither.
 */
class RelativeCommandTest {
    @TempDir
    Path root;

    private static String output(SandboxedCommand command) throws Exception {
        SandboxedProcess process = command.start();
        Streams streams = Streams.drain(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return streams.stdout() + streams.stderr();
    }

    private static Policy expanded(Path profile) throws Exception {
        return PathVariables.of(System.getenv(), profile, Path.of("")).expand(ProfileFiles.load(profile).policy());
    }

    @Test
    void aProfilesRelativeCommandRunsFromItsWorkingDirectory() throws Exception {
        RelativeTool tool = RelativeTool.in(root);
        Policy policy = expanded(tool.profile());
        assertEquals("tool in work: arg\n", output(Sandbox.of(policy).command()));
    }

    @Test
    void thePreviewOfTheLaunchResolvesTheSameTool() throws Exception {
        RelativeTool tool = RelativeTool.in(root);
        Policy policy = expanded(tool.profile());
        LaunchPlan plan = LaunchPlan.prepare(policy, new LaunchContext(null,
                LaunchPlan.workingDirectory(policy.workingDirectory()), null, LandlockSupport.detect()));
        assertTrue(Files.isSameFile(tool.workingDirectory().resolve("tool"), plan.executable()),
                plan.executable().toString());
    }

    @Test
    void aDirectoryGivenToTheCommandIsTheRunsWorkingDirectory() throws Exception {
        RelativeTool tool = RelativeTool.in(root);
        Policy policy = expanded(tool.profile()).toBuilder().workingDirectory(null)
                .readExec(tool.callerDirectory().toString()).build();
        assertEquals("decoy in the caller's directory\n",
                output(Sandbox.of(policy).command().directory(new File(tool.callerDirectory().toString()))));
    }
}
