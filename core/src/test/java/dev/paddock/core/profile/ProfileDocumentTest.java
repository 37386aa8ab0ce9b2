package dev.paddock.core.profile;

import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.seccomp.SeccompRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile document: lossless, readable, saved atomically with a backup, variables kept until a run. */
class ProfileDocumentTest {
    @TempDir
    Path dir;

    static Profile sample() {
        Policy policy = Policy.builder().readExec("/usr").readWrite("${HOME}/work dir, \"quoted\" ü")
                .path("/run/db.sock", RightSet.of(FsAccess.RESOLVE_UNIX))
                .path("${PROFILE_DIR}/data", RightSet.of(FsAccess.READ_FILE, FsAccess.TRUNCATE))
                .rule(new dev.paddock.core.policy.PathRule("/var/cache/noisy", dev.paddock.core.policy.AccessMode.RO,
                        true))
                .rule(new dev.paddock.core.policy.PathRule("/opt/maybe", dev.paddock.core.policy.AccessMode.ROX,
                        false, true))
                .bindTcp(0, 8080).connectTcp(443).bindUdp(5353).connectUdp(53).quietPorts(53).scopes(List.of(Scope.SIGNAL)).passEnv("HOME")
                .setEnv("LANG", "C.UTF-8").workingDirectory("${PWD}").command("python3", "-c", "print('hi')")
                .ldd(true).addExec(true).ignoreMissing(true).auditFlag(AuditFlag.LOG_NEW_EXEC_ON).strict()
                .harden(SeccompRule.UDP).harden(SeccompRule.LISTEN).build();
        return new Profile("Sample", "A profile with every field", "notes\nover two lines", policy,
                List.of(new Acknowledgement("write-and-execute", "/tmp", "it builds and runs code")));
    }

    @Test
    void writingThenReadingGivesTheSameProfile() throws Exception {
        Profile profile = sample();
        assertEquals(profile, ProfileReader.read(ProfileWriter.write(profile), "x.json"));
    }

    @Test
    void theJsonIsReadableAndStable() {
        String json = ProfileWriter.write(sample());
        assertTrue(json.endsWith("}\n"));
        assertTrue(json.startsWith("{\n  \"formatVersion\": 2,\n  \"abi\": 11,\n  \"name\": \"Sample\",\n"), json);
        assertTrue(json.contains("\n    {\n      \"path\": \"/usr\",\n      \"mode\": \"rox\"\n    },"), json);
        assertEquals(json, ProfileWriter.write(sample()));
        int previous = -1;
        for (String field : ProfileWriter.FIELDS) {
            int at = json.indexOf("\n  \"" + field + "\": ");
            assertTrue(at > previous, field + " is in its place");
            previous = at;
        }
    }

    @Test
    void aProfileTheReaderWouldRefuseIsNeverSaved() throws Exception {
        Path file = dir.resolve("p.json");
        Profile profile = sample().withPolicy(Policy.builder().readOnly("/srv\nx").command("ls").build());
        assertEquals("p.json: not saved: the path \"/srv\\u000Ax\" holds the control character U+000A (newline), "
                + "which paths may not hold", assertThrows(ProfileException.class,
                () -> ProfileFiles.save(profile, file)).getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void commandWordsAndValuesMayHoldTabsAndNewlines() throws Exception {
        Profile profile = sample().withPolicy(Policy.builder().setEnv("A", "one\ttwo\nthree")
                .command("printf", "%s\n", "a\tb\nc").build());
        Path file = dir.resolve("p.json");
        ProfileFiles.save(profile, file);
        assertEquals(profile, ProfileFiles.load(file));
    }

    @Test
    void savingNeverExpandsVariables() throws Exception {
        Path file = dir.resolve("p.json");
        ProfileFiles.save(sample(), file);
        assertTrue(Files.readString(file).contains("${HOME}/work dir"));
    }

    @Test
    void variablesAreExpandedForARun() throws Exception {
        Path file = dir.resolve("profiles/p.json");
        PathVariables variables = PathVariables.of(Map.of("HOME", "/home/ann"), file, Path.of("/srv/here"));
        Policy expanded = variables.expand(sample().policy());
        assertEquals("/home/ann/work dir, \"quoted\" ü", expanded.paths().get(1).path());
        assertEquals(dir.resolve("profiles/data").toString(), expanded.paths().get(3).path());
        assertEquals("/srv/here", expanded.workingDirectory());
        assertEquals(List.of("python3", "-c", "print('hi')"), expanded.command());
        ProfileException e = assertThrows(ProfileException.class,
                () -> PathVariables.of(Map.of(), file, dir).expand(sample().policy()));
        assertEquals("the path \"${HOME}/work dir, \"quoted\" ü\" uses ${HOME}, which is not set here",
                e.getMessage());
    }

    @Test
    void saveIsAtomicAndKeepsOneBackup() throws Exception {
        Path file = dir.resolve("p.json");
        ProfileFiles.save(sample(), file);
        String first = Files.readString(file);
        ProfileFiles.save(sample().withName("Second"), file);
        assertEquals(first, Files.readString(dir.resolve("p.json.bak")));
        assertEquals("Second", ProfileFiles.load(file).name());
        ProfileFiles.save(sample().withName("Third"), file);
        assertEquals("Second", ProfileFiles.load(dir.resolve("p.json.bak")).name());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("p.json", "p.json.bak"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aFileLargerThanOneMebibyteIsRefusedUnread() throws Exception {
        Path file = dir.resolve("big.json");
        Files.write(file, new byte[(int) ProfileFiles.MAX_SIZE + 1]);
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileFiles.load(file));
        assertEquals("big.json: the file is 1048577 bytes; a profile may be at most 1 MiB", e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsNamed() throws Exception {
        Path file = Files.write(dir.resolve("latin1.json"), new byte[] {'{', (byte) 0xe9, '}'});
        assertEquals("latin1.json: the file is not UTF-8 text",
                assertThrows(ProfileException.class, () -> ProfileFiles.load(file)).getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileFiles.load(dir.resolve("no.json")));
        assertTrue(e.getMessage().startsWith("no.json: no such file"), e.getMessage());
    }

    @Test
    void theLibraryListsProfilesAndKeepsBrokenFilesUntouched() throws Exception {
        ProfileLibrary library = new ProfileLibrary(dir.resolve("lib"));
        assertEquals(List.of(), library.list());
        ProfileFiles.save(sample(), library.fileFor("Sample"));
        Path broken = Files.writeString(library.directory().resolve("broken.json"), "{ nope");
        Files.writeString(library.directory().resolve("readme.txt"), "not a profile");
        List<ProfileLibrary.Entry> entries = library.list();
        assertEquals(2, entries.size());
        assertTrue(entries.get(0).broken());
        assertTrue(entries.get(0).error().matches("broken\\.json: line \\d+, column \\d+: this is not valid JSON.*"),
                entries.get(0).error());
        assertEquals("Sample", entries.get(1).profile().name());
        assertEquals("{ nope", Files.readString(broken));
        assertEquals(library.directory().resolve("sample-2.json"), library.fileFor("Sample"));
    }

    @Test
    void theLibraryFollowsXdgConfigHome() {
        assertEquals(Path.of("/x/paddock/profiles"), ProfileLibrary.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/x",
                "HOME", "/home/a")));
        assertEquals(Path.of("/home/a/.config/paddock/profiles"),
                ProfileLibrary.defaultDirectory(Map.of("HOME", "/home/a")));
        assertEquals(Path.of("/home/a/.config/paddock/profiles"),
                ProfileLibrary.defaultDirectory(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/home/a")));
        assertFalse(PathVariables.hasVariables("/plain/path"));
    }
}
