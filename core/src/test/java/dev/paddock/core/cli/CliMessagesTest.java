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
