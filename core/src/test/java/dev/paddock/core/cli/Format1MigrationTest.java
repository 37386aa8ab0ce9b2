package dev.paddock.core.cli;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.testing.BundledProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bundled profiles are format version 1, written before profiles recorded their ABI. Each loads as written for
 * ABI 9, reports exactly as the Paddock before format 2 reported it (its {@code paddock check} output from "Enforced:"
 * on, captured on this machine kind, ABI 7, from the last commit before format 2 (with the seccomp layer's rules as
 * they are now), in src/test/resources/format1-reports; the rules'
 * paths, which depend on the machine, are left out), runs, and becomes version 2 only when it is saved.
 */
class Format1MigrationTest {
    @TempDir
    Path root;

    /** The part of check's output that the Paddock before format 2 printed the same way on any machine. */
    private static String report(String out) {
        List<String> lines = out.lines().toList();
        int start = 0;
        while (!lines.get(start).startsWith("Enforced:")) {
            start++;
        }
        // the lint's findings depend on the machine (its sockets, its checkouts), not on the format: they are left out
        List<String> kept = new ArrayList<>();
        boolean lint = false;
        for (String line : lines.subList(start, lines.size())) {
            lint = line.startsWith("Lint:") || lint && line.startsWith("  ");
            if (!lint && !line.startsWith("  add_rule ")) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    @Test
    void everyBundledProfileLoadsAsWrittenForAbi9AndReportsExactlyAsBefore() throws Exception {
        assumeTrue(LandlockSupport.detect().abi() == 7, "the reports were captured on ABI 7");
        Path home = Files.createDirectories(root.resolve("home"));
        Path work = Files.createDirectories(root.resolve("work"));
        for (Path file : BundledProfiles.files()) {
            String name = file.getFileName().toString().replace(".json", "");
            assertTrue(Files.readString(file).contains("\"formatVersion\": 1"), name + " is a version 1 file");
            Profile profile = ProfileFiles.load(file);
            assertEquals(9, profile.policy().abi(), name);
            CliTest.Result result = CliTest.paddockIn(work, Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"),
                    "check", file.toString());
            String expected = Files.readString(Path.of("src/test/resources/format1-reports", name + ".txt"));
            assertEquals(expected.stripTrailing(), report(result.out() + "exit " + result.exit()), name);
            assertTrue(result.out().contains("\nWritten:   for ABI 9 (Linux 7.1)\n"), result.out());
            assertTrue(result.out().contains("\nUpgrade:   to ABI 11 (Linux 7.3) (\"abi\": 11) denies:\n"),
                    result.out());
        }
    }

    @Test
    void aVersion1ProfileRunsAsBefore() throws Exception {
        Path profile = BundledProfiles.DIRECTORY.resolve("ls-denied-directory.json");
        CliTest.Result result = CliTest.paddockIn(root, Map.of(), "run", "--profile", profile.toString());
        assertEquals(2, result.exit(), result.err());
        assertTrue(result.err().contains("/etc") && result.err().contains("Permission denied"), result.err());
    }

    @Test
    void aVersion1FileBecomesVersion2OnlyWhenItIsSaved() throws Exception {
        Path file = root.resolve("p.json");
        Files.copy(BundledProfiles.DIRECTORY.resolve("http-server.json"), file);
        String original = Files.readString(file);
        Profile loaded = ProfileFiles.load(file);
        CliTest.paddockIn(root, Map.of(), "check", file.toString());
        assertEquals(original, Files.readString(file), "loading and checking never rewrite it");
        ProfileFiles.save(loaded, file);
        String saved = Files.readString(file);
        assertTrue(saved.startsWith("{\n  \"formatVersion\": 2,\n  \"abi\": 9,\n"), saved);
        assertEquals(loaded, ProfileFiles.load(file), "the same profile, now saying which ABI it was written for");
    }
}
