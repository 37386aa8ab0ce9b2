package dev.paddock.core.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code paddock learn}: rounds, rules with reasons, a profile written with ${PWD} that then runs the command. */
class LearnCliTest {
    @TempDir
    Path root;

    @Test
    void learnsGitStatusWritesTheProfileAndRunRunsIt() throws Exception {
        Path repo = Files.createDirectories(root.resolve("repo"));
        for (List<String> args : List.of(List.of("init", "-q", "."), List.of("-c", "user.email=a@b", "-c",
                "user.name=t", "commit", "-q", "--allow-empty", "-m", "one"))) {
            List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/git"));
            command.addAll(args);
            assertEquals(0, new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor());
        }
        Files.writeString(repo.resolve("new"), "x");
        Path out = root.resolve("git.json");
        CliTest.Result learned = CliTest.paddockIn(repo, "learn", "--rounds", "10", "-o", out.toString(),
                "--name", "git-status", "--", "/usr/bin/git", "status", "--porcelain");
        assertEquals(0, learned.exit(), learned.err());
        String err = learned.err();
        assertTrue(err.contains("paddock: learn: round 1: "), err);
        assertTrue(err.contains("paddock: learn: the last run succeeded"), err);
        assertTrue(err.contains("paddock: learn:   --rw ${PWD}/.git"), err);
        assertTrue(err.matches("(?s).*--rw \\$\\{PWD}/\\.git\\n\\s*paddock: learn:\\s+round \\d+: git tried to .*"),
                "each rule with its reason: " + err);
        String profile = Files.readString(out);
        assertTrue(profile.contains("\"name\": \"git-status\""), profile);
        assertTrue(profile.contains("\"${PWD}/.git\""), profile);
        assertFalse(profile.contains(repo.toString()), "the run's directory is ${PWD}: " + profile);
        assertFalse(profile.contains("\"/\""), profile);
        CliTest.Result run = CliTest.paddockIn(repo, "run", "--profile", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("?? new\n", run.out());
    }

    @Test
    void badOptionsAreRefusedWithOneLine() throws Exception {
        CliTest.Result rounds = CliTest.paddock("learn", "--rounds", "zero", "--", "/usr/bin/true");
        assertEquals(1, rounds.exit());
        assertEquals("paddock: --rounds takes a number, not zero\n", rounds.err());
        CliTest.Result none = CliTest.paddock("learn");
        assertEquals(1, none.exit());
        assertEquals("paddock: no command was given: paddock learn [OPTIONS] [FLAGS] [--] COMMAND [ARGS]\n", none.err());
        CliTest.Result help = CliTest.paddock("learn", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--timeout SECONDS"), help.out());
    }
}
