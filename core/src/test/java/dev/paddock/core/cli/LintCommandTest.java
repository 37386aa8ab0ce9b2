package dev.paddock.core.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.paddock.core.cli.CliTest.paddockWithEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code paddock lint}: its findings, its summary, and its exit codes (0 no error, 1 an error, 2 trouble). */
class LintCommandTest {
    @TempDir
    Path dir;

    private Path profile(String name, String paths, String more) throws Exception {
        return Files.writeString(dir.resolve(name + ".json"), "{\"formatVersion\": 2, \"abi\": 11, \"name\": \""
                + name + "\", \"paths\": [" + paths + "], \"hardening\": [\"udp\"]" + more + "}");
    }

    private Map<String, String> home() throws Exception {
        return Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
    }

    @Test
    void anErrorExitsOneAndPrintsTheFindingItsFixAndASummary() throws Exception {
        Path file = profile("writes-home", "{\"path\": \"${HOME}\", \"mode\": \"rw\"}", "");
        CliTest.Result result = paddockWithEnvironment(home(), "lint", file.toString());
        assertEquals(1, result.exit(), result.out() + result.err());
        assertTrue(result.out().contains("error  home-writable  path ${HOME}\n  A program in the sandbox could write "
                + "~/.bashrc"), result.out());
        assertTrue(result.out().contains("  fix: Change the rule for ${HOME} to ro"), result.out());
        assertTrue(result.out().lines().anyMatch(line -> line.matches("1 error(, \\d+ warnings?)?")), result.out());
    }

    @Test
    void warningsAndAcceptedErrorsExitZero() throws Exception {
        Path warned = profile("proc", "{\"path\": \"/proc\", \"mode\": \"ro\"}", "");
        CliTest.Result warning = paddockWithEnvironment(home(), "lint", warned.toString());
        assertEquals(0, warning.exit(), warning.out() + warning.err());
        assertTrue(warning.out().contains("warning  broad-rule  path /proc"), warning.out());
        Path accepted = profile("accepted", "{\"path\": \"${HOME}\", \"mode\": \"rw\"}",
                ", \"acknowledged\": [{\"lint\": \"home-writable\", \"reason\": \"a test of acceptance\"}]");
        CliTest.Result result = paddockWithEnvironment(home(), "lint", accepted.toString());
        assertEquals(0, result.exit(), result.out() + result.err());
        assertTrue(result.out().contains("accepted  home-writable  path ${HOME}")
                && result.out().contains("  accepted error: a test of acceptance")
                && result.out().contains("(1 accepted)"), result.out());
    }

    @Test
    void aBrokenOrMissingProfileAndBadUsageExitTwo() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"formatVersion\": 2, \"abi\": 11}");
        CliTest.Result result = paddockWithEnvironment(home(), "lint", broken.toString());
        assertEquals(2, result.exit(), result.err());
        assertTrue(result.err().startsWith("paddock: ") && result.err().contains("\"name\" is missing"),
                result.err());
        CliTest.Result missing = paddockWithEnvironment(home(), "lint", dir.resolve("nothing.json").toString());
        assertEquals(2, missing.exit(), missing.err());
        Path good = profile("good", "{\"path\": \"/usr\", \"mode\": \"rox\"}", "");
        CliTest.Result both = paddockWithEnvironment(home(), "lint", good.toString(), broken.toString());
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.out().contains(good + ": "), both.out());
        assertEquals(2, paddockWithEnvironment(home(), "lint").exit());
        assertEquals(2, paddockWithEnvironment(home(), "lint", "--format", "xml", good.toString()).exit());
        Path unset = profile("unset", "{\"path\": \"${NOT_SET_ANYWHERE}\", \"mode\": \"ro\"}", "");
        CliTest.Result variable = paddockWithEnvironment(home(), "lint", unset.toString());
        assertEquals(2, variable.exit(), variable.err());
        assertTrue(variable.err().contains("NOT_SET_ANYWHERE"), variable.err());
    }

    @Test
    void jsonListsEveryFindingForTools() throws Exception {
        Path file = profile("writes-home", "{\"path\": \"${HOME}\", \"mode\": \"rw\"}", "");
        CliTest.Result result = paddockWithEnvironment(home(), "lint", "--format", "json", file.toString());
        assertEquals(1, result.exit(), result.err());
        Map<String, String> finding = new HashMap<>();
        try (JsonParser json = new JsonFactory().createParser(result.out())) {
            int depth = 0;
            String field = null;
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    if (--depth == 3) {
                        break;
                    }
                } else if (token == JsonToken.FIELD_NAME) {
                    field = json.currentName();
                } else if (depth == 4) {
                    finding.put(field, token == JsonToken.VALUE_NULL ? null : json.getText());
                }
            }
        }
        assertEquals("home-writable", finding.get("id"), finding.toString());
        assertEquals("error", finding.get("severity"));
        assertEquals("path", finding.get("concerns"));
        assertEquals("${HOME}", finding.get("subject"));
        assertTrue(finding.containsKey("accepted") && finding.get("accepted") == null, finding.toString());
        assertTrue(finding.get("attack").startsWith("A program in the sandbox"), finding.toString());
    }

    @Test
    void checkShowsTheFindingsAndKeepsItsExitCode() throws Exception {
        Path file = profile("writes-home", "{\"path\": \"${HOME}\", \"mode\": \"rw\"}", "");
        CliTest.Result result = paddockWithEnvironment(home(), "check", file.toString());
        assertEquals(0, result.exit(), result.out() + result.err());
        assertTrue(result.out().contains("Lint:      1 error") && result.out().contains(
                "  error  home-writable  path ${HOME}"), result.out());
    }

    @Test
    void theGlobOfTheExamplesSkipsTheSchemaBesideThem() throws Exception {
        // before: exit 2, "profile.schema.json: unknown field "$schema""
        String[] args;
        try (var examples = Files.list(Path.of("..", "profiles"))) {
            args = java.util.stream.Stream.concat(java.util.stream.Stream.of("lint"), examples
                    .filter(p -> p.toString().endsWith(".json")).sorted().map(Path::toString)).toArray(String[]::new);
        }
        assertTrue(String.join(" ", args).contains("profile.schema.json"), "the glob reaches the schema");
        // the user's own home: one under /tmp would make read-only-shell's writable /tmp a writable home
        CliTest.Result result = paddockWithEnvironment(Map.of(), args);
        assertEquals(0, result.exit(), result.out() + result.err());
        assertEquals("paddock: note: " + Path.of("..", "profiles", "profile.schema.json") + " is a JSON Schema, not "
                + "a profile: skipped", result.err().strip());
        assertTrue(result.out().contains("http-server.json: "), result.out());
        // a file that only claims to be a schema is still read as a profile, and refused
        Path fake = Files.writeString(dir.resolve("fake.json"), "{\"$schema\": \"mine\", \"name\": \"x\"}");
        assertEquals(2, paddockWithEnvironment(home(), "lint", fake.toString()).exit());
    }
}
