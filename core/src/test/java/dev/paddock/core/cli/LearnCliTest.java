package dev.paddock.core.cli;

import dev.paddock.core.learn.DangerousLearningTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        // rw on .git is a lint error (a hook runs outside the sandbox): written only when accepted
        CliTest.Result learned = CliTest.paddockIn(repo, "learn", "--rounds", "10", "-o", out.toString(),
                "--name", "git-status", "--accept-warnings", "--", "/usr/bin/git", "status", "--porcelain");
        assertEquals(0, learned.exit(), learned.err());
        String err = learned.err();
        assertTrue(err.contains("paddock: learn: round 1: "), err);
        assertTrue(err.contains("paddock: learn: the last run succeeded"), err);
        assertTrue(err.contains("paddock: learn:   --rw ${PWD}/.git"), err);
        assertTrue(err.contains("--rw ${PWD}/.git   WARNING: ") && err.contains("(lint git-hooks-writable)"), err);
        assertTrue(err.matches("(?s).*--rw \\$\\{PWD}/\\.git[^\\n]*\\n\\s*paddock: learn:\\s+round \\d+: git tried to .*"),
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
    void aProfileWithLintErrorsIsWrittenOnlyWithAcceptWarnings() throws Exception {
        Path home = DangerousLearningTest.plant(root);
        Path out = root.resolve("evil.json");
        Map<String, String> environment = Map.of("HOME", home.toString());
        CliTest.Result refused = CliTest.paddockIn(root, environment, "learn", "--rounds", "12", "-o",
                out.toString(), "--", "/bin/sh", root.resolve("evil.sh").toString());
        assertEquals(3, refused.exit(), refused.err());
        String err = refused.err();
        assertTrue(err.matches("(?s).*--rw \\$\\{HOME}/\\.bashrc   WARNING: A program in the sandbox could [^\\n]*"
                + "\\(lint [a-z-]+\\)\\n.*"), err);
        assertTrue(err.contains("paddock: learn: lint error: path " + home.resolve(".bashrc")), err);
        assertTrue(err.contains("paddock: learn: the learned profile was NOT written"), err);
        assertFalse(Files.exists(out), "nothing is written");
        CliTest.Result accepted = CliTest.paddockIn(root, environment, "learn", "--rounds", "12",
                "--accept-warnings", "-o", out.toString(), "--", "/bin/sh", root.resolve("evil.sh").toString());
        assertEquals(0, accepted.exit(), accepted.err());
        assertTrue(Files.readString(out).contains("\"${HOME}/.bashrc\""), Files.readString(out));
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
        assertTrue(help.out().contains("--accept-warnings"), help.out());
    }
}
