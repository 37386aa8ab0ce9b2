package dev.paddock.core.learn;

import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.ProfileWriter;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning {@code ls FOLDER} proposes the smallest fix, the one {@code run --explain} shows: a listing of the folder
 * ({@code --list}, read_dir alone), not {@code --ro}, which would also let the program read every file beneath it.
 * The learned profile lists the folder and still cannot read a file in it. As root and as nobody.
 */
class ListingLearningTest {
    @TempDir
    Path root;

    @Test
    void lsOfAFolderLearnsAListing() throws Exception {
        Path folder = folder();
        check(folder, List.of("/usr/bin/ls", folder.toString()));
    }

    @Test
    void lsOfAFolderLearnsAListingAsNobody() throws Exception {
        Path folder = folder();
        AsNobody.openUp(root, folder.resolve("secret"));
        List<String> command = new ArrayList<>(AsNobody.prefix());
        command.set(0, "/usr/bin/setpriv");
        command.addAll(List.of("/usr/bin/ls", folder.toString()));
        check(folder, command);
    }

    private Path folder() throws Exception {
        Path folder = Files.createDirectory(root.resolve("folder"));
        Files.writeString(folder.resolve("secret"), "not for reading");
        return folder;
    }

    private static void check(Path folder, List<String> command) throws Exception {
        Policy given = Policy.builder().command(command).workingDirectory("/").build();
        LaunchContext context = LaunchContext.forCommandLine(given);
        LearnedProfile result = ProfileLearner.learn(ProfileLearner.minimalStart(given, context),
                ProfileLearner.Options.defaults().withContext(context));
        assertTrue(result.succeeded(), result.stop() + " " + result.rounds());
        LearnedProfile.Rule rule = result.rules().stream().filter(r -> r.path().equals(folder.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no rule on the folder: " + result.rules()));
        assertEquals("list", rule.label(), "the listing's smallest fix: " + result.rules());
        assertTrue(result.rounds().stream().anyMatch(r -> r.added().contains("--list " + folder)),
                result.rounds().toString());
        assertFalse(result.rounds().stream().anyMatch(r -> r.added().contains("--ro " + folder)),
                result.rounds().toString());
        String written = ProfileWriter.write(result.profile("ls", null, null));
        assertTrue(written.contains("\"read_dir\""), written);

        List<String> cat = new ArrayList<>(command.subList(0, command.size() - 2));
        cat.addAll(List.of("/usr/bin/cat", folder.resolve("secret").toString()));
        // cat may run (all of /usr), with the learned rules for the folder
        Policy reading = result.policy().toBuilder().path("/usr", AccessMode.ROX).command(cat).build();
        SandboxedProcess process = Sandbox.of(reading).command(cat).context(LaunchContext.forCommandLine(reading))
                .redirectOutput(Redirect.PIPE).start();
        Streams out = Streams.drain(process);
        assertNotEquals(0, process.waitFor(), "the learned listing let cat read a file: " + out.stdout());
        assertFalse(out.stdout().contains("not for reading"));
    }
}
