package dev.paddock.core.learn;

import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.Lint;
import dev.paddock.core.lint.LintContext;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.testing.AsNobody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A program that plants itself in the user's account (appends to ~/.bashrc and ~/.ssh/authorized_keys, writes an
 * autostart entry) is learned with each rule the lint judges an error flagged: a warning on the proposal, the lint
 * error marked, and the learned profile's open lint errors listed.
 */
public class DangerousLearningTest {
    @TempDir
    Path root;

    /** The red team's evil.sh, with its home folder in this test's folder. */
    public static Path plant(Path root) throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(home.resolve(".bashrc"), "# rc\n");
        Files.writeString(home.resolve(".ssh/authorized_keys"), "");
        Path script = root.resolve("evil.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo 'echo pwned' >> " + home + "/.bashrc\n"
                + "echo 'ssh-ed25519 AAAA attacker' >> " + home + "/.ssh/authorized_keys\n"
                + "mkdir -p " + home + "/.config/autostart; printf '[Desktop Entry]\\nExec=id\\n' > " + home
                + "/.config/autostart/x.desktop\n"
                + "exit 0\n");
        script.toFile().setExecutable(true, false);
        return home;
    }

    @Test
    void plantingInTheHomeFolderIsFlaggedByTheLint() throws Exception {
        learnsFlagged(List.of());
    }

    @Test
    void plantingInTheHomeFolderIsFlaggedByTheLintAsNobody() throws Exception {
        List<String> prefix = new ArrayList<>(AsNobody.prefix());
        prefix.set(0, "/usr/bin/setpriv");
        learnsFlagged(prefix);
    }

    private void learnsFlagged(List<String> prefix) throws Exception {
        Path home = plant(root);
        if (!prefix.isEmpty()) {
            AsNobody.openUp(root, root.resolve("evil.sh"));
            try (Stream<Path> all = Files.walk(home)) {
                for (Path p : all.toList()) {
                    Files.setAttribute(p, "unix:uid", AsNobody.UID);
                }
            }
            AsNobody.openUp(root, home);
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/bin/sh", root.resolve("evil.sh").toString()));
        Policy given = Policy.builder().command(command).workingDirectory(root.toString()).build();
        LaunchContext context = LaunchContext.forCommandLine(given);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("HOME", home.toString());
        LintContext lint = new LintContext(context.support(), environment, root, null, LintContext.PROC_NET_UNIX);
        ProfileLearner learner = ProfileLearner.begin(ProfileLearner.minimalStart(given, context),
                ProfileLearner.Options.defaults().withContext(context).withLint(lint).withRounds(12));
        List<ProposedRule> flagged = new ArrayList<>();
        while (!learner.finished()) {
            Proposal proposal = learner.nextRound();
            for (ProposedRule rule : proposal.folders()) {
                boolean error = !rule.port() && Lint.of(lint).check(Policy.builder().path(rule.path(), rule.mode())
                        .ignoreMissing(true).build()).stream().anyMatch(Finding::fails);
                assertEquals(error, rule.lintError(), "the lint's own judgement of " + rule);
                if (error) {
                    assertNotNull(rule.warning(), rule.toString());
                    assertTrue(rule.warning().contains("(lint "), rule.warning());
                    flagged.add(rule);
                }
            }
            learner.accept(proposal.folders(), true);
        }
        LearnedProfile result = learner.result();
        assertTrue(result.succeeded(), result.stop());
        assertTrue(Files.readString(home.resolve(".bashrc")).contains("echo pwned\n"),
                "the program did plant itself once its rules were accepted");
        List<String> paths = flagged.stream().map(ProposedRule::path).toList();
        assertTrue(paths.contains(home.resolve(".bashrc").toString()), paths.toString());
        assertTrue(paths.stream().anyMatch(p -> p.startsWith(home.resolve(".config").toString())), paths.toString());
        for (LearnedProfile.Rule rule : result.rules()) {
            if (paths.contains(rule.path())) {
                assertNotNull(rule.warning(), "the learned rule keeps its warning: " + rule);
            }
        }
        assertFalse(result.lintErrors().isEmpty(), "the learned profile has open lint errors");
        assertTrue(result.lintErrors().stream().anyMatch(e -> e.contains(".bashrc")), result.lintErrors().toString());
        assertTrue(result.lintErrors().stream().anyMatch(e -> e.contains("autostart")),
                result.lintErrors().toString());
    }

    @Test
    void aHarmlessRuleIsNoLintError() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Files.writeString(data.resolve("a"), "a\n");
        Policy given = Policy.builder().command("/usr/bin/cat", data.resolve("a").toString())
                .workingDirectory(root.toString()).build();
        LaunchContext context = LaunchContext.forCommandLine(given);
        LearnedProfile result = ProfileLearner.learn(ProfileLearner.minimalStart(given, context),
                ProfileLearner.Options.defaults().withContext(context));
        assertTrue(result.succeeded(), result.stop());
        assertTrue(result.lintErrors().isEmpty(), result.lintErrors().toString());
        assertTrue(result.rules().stream().allMatch(r -> r.warning() == null), result.rules().toString());
    }
}
