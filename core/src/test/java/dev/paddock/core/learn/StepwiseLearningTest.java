package dev.paddock.core.learn;

import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.testing.AsNobody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning one round at a time, as the app's wizard does: each round proposes tight and folder rules, the caller
 * keeps a subset, and what it left out stays out; a round can be cancelled and leaves no process behind.
 */
class StepwiseLearningTest {
    @TempDir
    Path root;

    private Path data() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        for (String name : List.of("a", "b", "c")) {
            Files.writeString(data.resolve(name), name + "\n");
        }
        return data;
    }

    private static ProfileLearner begin(Policy given) throws Exception {
        LaunchContext context = LaunchContext.forCommandLine(given);
        return ProfileLearner.begin(ProfileLearner.minimalStart(given, context), ProfileLearner.Options.defaults()
                .withContext(context).withOutput(Redirect.PIPE));
    }

    /** Runs rounds, accepting every folder rule, until one proposes a rule for {@code path}; returns that round. */
    private static Proposal roundThatProposes(ProfileLearner learner, String path, boolean folders) throws Exception {
        for (int i = 0; i < 6; i++) {
            Proposal proposal = learner.nextRound();
            if (proposal.rules(folders).stream().anyMatch(r -> path.equals(r.path()))) {
                return proposal;
            }
            learner.accept(proposal.folders(), true);
            assertFalse(learner.finished(), learner.stop());
        }
        throw new AssertionError("no round proposed " + path);
    }

    @Test
    void anUntickedRuleStaysOutAndTheLearningStopsChanging() throws Exception {
        untickedRuleStaysOut(List.of());
    }

    @Test
    void anUntickedRuleStaysOutAsNobody() throws Exception {
        List<String> prefix = new ArrayList<>(AsNobody.prefix());
        prefix.set(0, "/usr/bin/setpriv");
        AsNobody.openUp(root, data());
        untickedRuleStaysOut(prefix);
    }

    private void untickedRuleStaysOut(List<String> prefix) throws Exception {
        Path data = data();
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/usr/bin/cat", "a", "b", "c"));
        ProfileLearner learner = begin(Policy.builder().command(command).workingDirectory(data.toString()).build());
        Proposal proposal = roundThatProposes(learner, data.resolve("a").toString(), false);
        assertEquals("exit 1", proposal.outcome());
        assertTrue(proposal.output().contains("cat: c: Permission denied"), proposal.output());
        List<String> tight = proposal.tight().stream().map(ProposedRule::flag).toList();
        assertTrue(tight.containsAll(List.of("--ro " + data.resolve("a"), "--ro " + data.resolve("b"),
                "--ro " + data.resolve("c"))), tight.toString());
        assertTrue(proposal.folders().stream().anyMatch(r -> r.path().equals(data.toString()) && r.directory()
                && r.mode() == AccessMode.RO), "three files of one folder: the folder " + proposal.folders());
        ProposedRule c = proposal.tight().stream().filter(r -> r.path().equals(data.resolve("c").toString()))
                .findFirst().orElseThrow();
        assertTrue(c.reasons().get(0).matches("round \\d+: cat tried to read .*/data/c.*"), c.reasons().toString());

        List<ProposedRule> kept = proposal.tight().stream().filter(r -> r != c).toList();
        learner.accept(kept, false);
        assertFalse(learner.finished(), learner.stop());
        Proposal again = learner.nextRound();
        assertEquals("exit 1", again.outcome(), again.output());
        assertTrue(again.output().contains("a\nb\n"), "a and b are read now: " + again.output());
        assertEquals(List.of("--ro " + data.resolve("c")), again.tight().stream().map(ProposedRule::flag).toList());
        learner.accept(List.of(), false);
        assertTrue(learner.finished());
        assertTrue(learner.stop().startsWith("no fix widens the profile further"), learner.stop());
        LearnedProfile result = learner.result();
        assertFalse(result.succeeded());
        assertTrue(result.rules().stream().noneMatch(r -> r.path().equals(data.resolve("c").toString())
                || r.path().equals(data.toString())), "the unticked rule stayed out: " + result.rules());
        assertTrue(result.policy().paths().stream().anyMatch(r -> r.path().equals(data.resolve("a").toString())));
        assertThrows(IllegalStateException.class, learner::nextRound);
    }

    @Test
    void folderRulesAcceptedMakeTheNextRoundSucceed() throws Exception {
        Path data = data();
        ProfileLearner learner = begin(Policy.builder().command("/usr/bin/cat", "a", "b", "c")
                .workingDirectory(data.toString()).build());
        Proposal proposal = roundThatProposes(learner, data.toString(), true);
        learner.accept(proposal.folders(), true);
        Proposal last = learner.nextRound();
        assertEquals("exit 0", last.outcome());
        assertEquals("a\nb\nc\n", last.output());
        assertTrue(last.folders().isEmpty() && last.tight().isEmpty());
        learner.accept(List.of(), true);
        assertTrue(learner.finished());
        LearnedProfile result = learner.result();
        assertTrue(result.succeeded(), result.stop());
        assertTrue(result.rules().stream().anyMatch(r -> r.path().equals(data.toString()) && r.directory()));
        assertThrows(IllegalArgumentException.class, () -> ProfileLearner.begin(Policy.builder().build(),
                ProfileLearner.Options.defaults()));
    }

    @Test
    void onlyProposedRulesCanBeAcceptedAndOnlyOnce() throws Exception {
        Path data = data();
        ProfileLearner learner = begin(Policy.builder().command("/usr/bin/cat", "a")
                .workingDirectory(data.toString()).build());
        assertThrows(IllegalStateException.class, () -> learner.accept(List.of(), true), "no round ran yet");
        Proposal proposal = learner.nextRound();
        assertThrows(IllegalStateException.class, learner::nextRound, "the proposal waits for an answer");
        ProposedRule foreign = ProposedRule.onPath("/etc", true, AccessMode.RO, List.of("made up"), null);
        assertThrows(IllegalArgumentException.class, () -> learner.accept(List.of(foreign), true));
        learner.accept(proposal.folders(), true);
        assertThrows(IllegalStateException.class, () -> learner.accept(List.of(), true));
    }

    @Test
    void cancelEndsTheRunningRoundAndLeavesNoProcess() throws Exception {
        String marker = "37.25";
        ProfileLearner learner = begin(Policy.builder().command("/usr/bin/sleep", marker).build());
        CompletableFuture<Proposal> round = CompletableFuture.supplyAsync(() -> {
            try {
                return learner.nextRound();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!sleeping(marker) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(sleeping(marker), "the round started the program");
        learner.cancel();
        Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> round.get(20, TimeUnit.SECONDS)).getCause();
        assertTrue(failure instanceof CancellationException, String.valueOf(failure));
        assertFalse(sleeping(marker), "no process of the round is left");
        assertFalse(learner.finished());
        assertTrue(learner.rounds().isEmpty(), "a cancelled round is not counted");
    }

    private static boolean sleeping(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("")
                .endsWith("sleep " + marker));
    }
}
