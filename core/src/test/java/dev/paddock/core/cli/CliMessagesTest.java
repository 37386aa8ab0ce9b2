package dev.paddock.core.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.paddock.core.cli.CliTest.paddock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a new user mistypes gets one sentence that says what was meant. */
class CliMessagesTest {

    @Test
    void aMistypedCommandGetsASuggestion() throws Exception {
        CliTest.Result typo = paddock("exprot", "x.json");
        assertEquals(1, typo.exit());
        assertEquals("paddock: unknown command \"exprot\": did you mean export? (see: paddock --help)",
                typo.err().strip());
        assertEquals("paddock: unknown command \"zzzzzz\" (see: paddock --help)", paddock("zzzzzz").err().strip());
    }

    @Test
    void aMistypedRunFlagGetsASuggestion() throws Exception {
        // before: "unknown option --rxo" alone, while a mistyped command got "did you mean run?"
        CliTest.Result typo = paddock("run", "--rxo", "/usr", "--", "true");
        assertEquals(1, typo.exit());
        assertEquals("paddock: unknown option --rxo: did you mean --rox? (see: paddock run --help)",
                typo.err().strip());
        assertEquals("paddock: unknown option --zzzzzzzz (see: paddock run --help)",
                paddock("run", "--zzzzzzzz", "--", "true").err().strip());
    }

    @Test
    void theProfilesHelpKeepsItsPathsWhole() throws Exception {
        // before: "(default ~/." and "config/paddock/profiles)" on two lines
        String help = paddock("profiles", "--help").out();
        assertTrue(help.contains("$XDG_CONFIG_HOME/paddock/profiles"), help);
        assertTrue(help.contains("~/.config/paddock/profiles"), help);
    }

    @Test
    void anEmptyMenuEntryListSaysNoneAsTheProfileListDoes(@TempDir Path dir) throws Exception {
        // before: desktop-entry --list printed nothing at all
        java.util.Map<String, String> environment = java.util.Map.of("XDG_DATA_HOME", dir.toString(),
                "XDG_CONFIG_HOME", dir.toString());
        CliTest.Result entries = CliTest.paddockWithEnvironment(environment, "desktop-entry", "--list");
        assertEquals(0, entries.exit(), entries.err());
        assertEquals("Menu entries in " + dir.resolve("applications") + ":\n  (none)\n", entries.out());
        assertTrue(CliTest.paddockWithEnvironment(environment, "profiles").out().endsWith(":\n  (none)\n"));
        Path profile = Path.of("..", "profiles", "deny-all.json").toAbsolutePath().normalize();
        assertEquals(0, CliTest.paddockWithEnvironment(environment, "desktop-entry", profile.toString()).exit());
        String listed = CliTest.paddockWithEnvironment(environment, "desktop-entry", "--list").out();
        assertTrue(listed.matches("Menu entries in .*:\n  \\S+\\.desktop  ->  " + java.util.regex.Pattern.quote(
                profile.toString()) + "\n"), listed);
    }

    @Test
    void theTopLevelHelpListsEveryExitCode() throws Exception {
        String help = paddock("--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("2 with lint and lesson, a wrong command line, a profile that could not be read, or "
                + "an unknown lesson (1: a lint error, a lesson not passed)"), help);
        assertTrue(help.contains("3 with learn, the learned profile has lint errors and --accept-warnings was not "
                + "given"), help);
        assertTrue(paddock("lesson", "--help").out().replaceAll("\\s+", " ").contains("2 an unknown lesson, a "
                + "profile that cannot be read, or a wrong command line"));
    }

    @Test
    void aPathFlagBeforeTheCommandSeparatorNeedsItsPath() throws Exception {
        CliTest.Result ro = paddock("run", "--ro", "--", "ls");
        assertEquals(1, ro.exit());
        assertEquals("paddock: --ro needs a value (PATH) before --; to give one that starts with a dash, write "
                + "--ro=VALUE", ro.err().strip());
        assertTrue(paddock("run", "--env", "--", "ls").err().startsWith("paddock: --env needs a value"));
        assertTrue(paddock("run", "--ro", "--rw", "/tmp", "--", "ls").err().contains("before --rw"));
    }

    @Test
    void checkPrintsNoDebugLinesUnlessAsked() throws Exception {
        Path profile = Path.of("..", "profiles", "deny-all.json");
        CliTest.Result check = paddock("check", profile.toString());
        assertFalse(check.out().contains("debug:"), check.out());
        assertTrue(check.out().contains("Ruleset:"), check.out());
        CliTest.Result debug = paddock("check", "--log-level", "debug", profile.toString());
        assertTrue(debug.out().contains("paddock: debug: seccomp filter"), debug.out());
    }

    @Test
    void aLandlockConfigImportErrorNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.json"), "{\"ruleset\": [{\"handledAccessFs\": [\"bogus\"]}]}");
        CliTest.Result result = paddock("import", "--from", "landlockconfig", file.toString());
        assertEquals(1, result.exit());
        assertEquals("paddock: " + file + ": unknown filesystem right \"bogus\"", result.err().strip());
    }
}
