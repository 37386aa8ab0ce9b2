package dev.paddock.core.cli;

import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.testing.BundledProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.paddock.core.cli.CliTest.paddock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check, export, import, profiles and run --profile, through a real JVM. */
class ProfileCommandsTest {
    private static final String LS = BundledProfiles.DIRECTORY.resolve("ls-denied-directory.json").toString();

    @Test
    void checkPrintsThePredictionAndExitsZero() throws Exception {
        CliTest.Result result = paddock("check", LS);
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("Enforced:  partially enforced"), result.out());
        assertTrue(result.out().contains("OK: the profile is valid and can run here."), result.out());
    }

    @Test
    void checkOfAProfileWithoutACommandSaysRunNeedsOne(@TempDir Path dir) throws Exception {
        // before: "OK: the profile is valid and can run here." while run --profile refused it
        Path file = Files.writeString(dir.resolve("t.json"), "{\"formatVersion\": 2, \"abi\": 7, \"name\": \"t\", "
                + "\"command\": [], \"paths\": [{\"path\": \"/usr\", \"mode\": \"rox\"}]}");
        CliTest.Result check = paddock("check", file.toString());
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().contains("Command:   (none)"), check.out());
        assertTrue(check.out().strip().endsWith("OK: the profile is valid and can run here, but it has no command: "
                + "give one after -- (paddock run --profile " + file + " -- COMMAND)."), check.out());
        CliTest.Result run = paddock("run", "--profile", file.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("has no command: give one after --"), run.err());
        assertEquals(0, paddock("run", "--profile", file.toString(), "--", "/usr/bin/true").exit());
    }

    @Test
    void checkOfABrokenProfileIsOneLineAndExitsOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"formatVersion\": 1, \"name\": \"x\", \"bindTcp\": [1e3]}");
        CliTest.Result result = paddock("check", file.toString());
        assertEquals(1, result.exit());
        assertEquals("paddock: bad.json: line 1, column 47: the items of \"bindTcp\" must be port numbers, not a "
                + "number\n", result.err());
        assertEquals("{\"formatVersion\": 1, \"name\": \"x\", \"bindTcp\": [1e3]}", Files.readString(file));
    }

    @Test
    void checkOfAMissingFileSaysSo() throws Exception {
        CliTest.Result result = paddock("check", "/no/such/profile.json");
        assertEquals(1, result.exit());
        assertTrue(result.err().startsWith("paddock: profile.json: no such file"), result.err());
    }

    @Test
    void exportPrintsTheFormatAndWarnsOnStderr() throws Exception {
        CliTest.Result landrun = paddock("export", "--format", "landrun", LS);
        assertEquals("landrun --best-effort --rox /usr -- ls /etc\n", landrun.out());
        assertEquals("", landrun.err());
        CliTest.Result sandboxer = paddock("export", "--format", "sandboxer", LS);
        assertTrue(sandboxer.err().contains("paddock: warning: the sandboxer gives a file"), sandboxer.err());
        CliTest.Result systemd = paddock("export", "--format", "systemd", LS);
        assertTrue(systemd.out().contains("run --profile " + LS), systemd.out());
        CliTest.Result bad = paddock("export", "--format", "yaml", LS);
        assertEquals(1, bad.exit());
        assertEquals(1, bad.err().lines().count(), bad.err());
    }

    @Test
    void importMakesAProfileFromALandrunLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("imported.json");
        CliTest.Result result = paddock("import", "--from", "landrun", "--name", "Lister", "-o", out.toString(),
                "--", "landrun --rox /usr --ro /etc -- ls /etc");
        assertEquals(0, result.exit(), result.err());
        var profile = ProfileFiles.load(out);
        assertEquals("Lister", profile.name());
        assertEquals(2, profile.policy().paths().size());
        CliTest.Result printed = paddock("import", "--from", "landrun", "--", "--rox", "/usr", "--", "true");
        assertTrue(printed.out().startsWith("{\n  \"formatVersion\": 2,\n  \"abi\": 9,"), printed.out());
        CliTest.Result broken = paddock("import", "--from", "landrun", "--", "landrun --connect-tcp 99999 -- x");
        assertEquals(1, broken.exit());
        assertEquals("paddock: --connect-tcp 99999 is out of range: use 1 to 65535\n", broken.err());
    }

    @Test
    void importReadsLandlockConfigFiles(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("c.json"), "{\"pathBeneath\": [{\"allowedAccess\": [\"read_file\","
                + " \"read_dir\"], \"parent\": [\"/etc\"]}]}");
        CliTest.Result result = paddock("import", "--from", "landlockconfig", config.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("\"mode\": \"ro\""), result.out());
    }

    @Test
    void runProfileAddsTheWordsAfterDoubleDash() throws Exception {
        CliTest.Result result = paddock("run", "--profile", LS, "--", "-d");
        assertEquals(0, result.exit(), result.err());
        assertEquals("/etc\n", result.out());
        CliTest.Result mixed = paddock("run", "--profile", LS, "--rw", "/tmp");
        assertEquals("paddock: --profile cannot be combined with --rw: edit the profile instead\n", mixed.err());
    }

    @Test
    void profilesListsTheLibraryAndItsBrokenFiles(@TempDir Path dir) throws Exception {
        CliTest.Result empty = CliTest.paddockWithEnvironment(java.util.Map.of("XDG_CONFIG_HOME", dir.toString()),
                "profiles");
        assertTrue(empty.out().contains("(none)"), empty.out());
        Path library = Files.createDirectories(dir.resolve("paddock/profiles"));
        Files.copy(Path.of(LS), library.resolve("ls.json"));
        Files.writeString(library.resolve("broken.json"), "{ nope");
        CliTest.Result listed = CliTest.paddockWithEnvironment(java.util.Map.of("XDG_CONFIG_HOME", dir.toString()),
                "profiles");
        assertEquals(0, listed.exit());
        assertTrue(listed.out().matches("(?s).*broken\\.json {18}BROKEN: broken\\.json: line \\d+, column \\d+: this "
                + "is not valid JSON.*"), listed.out());
        assertTrue(listed.out().contains("ls.json                      ls of a denied directory"), listed.out());
    }
}
