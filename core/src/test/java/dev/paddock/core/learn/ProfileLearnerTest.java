package dev.paddock.core.learn;

import dev.paddock.core.trace.AccessModel;
import dev.paddock.core.trace.Trace;

import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning profiles for real programs, confined: each learned profile then runs the program, and grants nothing
 * beyond the files and directories the program used (or the library directory they lie in).
 */
class ProfileLearnerTest {
    private static final List<String> LIBRARY_ROOTS = List.of("/usr/lib", "/usr/lib64", "/usr/libexec",
            "/usr/share", "/usr/local/lib", "/usr/local/share");

    @TempDir
    Path root;

    private static LearnedProfile learn(Policy start, Duration timeout) throws Exception {
        return learn(start, timeout, ProfileLearner.DEFAULT_ROUNDS);
    }

    private static LearnedProfile learn(Policy start, Duration timeout, int rounds) throws Exception {
        LaunchContext context = LaunchContext.forCommandLine(start);
        ProfileLearner.Options options = ProfileLearner.Options.defaults().withContext(context).withRounds(rounds)
                .withRoundTimeout(timeout).withProgress(line -> System.err.println("learn: " + line));
        LearnedProfile result = ProfileLearner.learn(ProfileLearner.minimalStart(start, context), options);
        result.rules().forEach(r -> System.err.println("learned: " + r.mode().label() + " " + r.path() + "  "
                + r.reasons()));
        assertTrue(result.succeeded(), result.stop() + " " + result.rounds() + " " + result.unlearned());
        return result;
    }

    /**
     * Runs the learned policy traced: it must succeed (or last until the timeout) without a denial, and every rule
     * must be no wider than what the run touched.
     */
    private static Streams runLearned(LearnedProfile result, Duration timeout) throws Exception {
        Policy policy = result.policy();
        var command = Sandbox.of(policy).command(policy.command()).context(LaunchContext.forCommandLine(policy));
        if (timeout != null) {
            command.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        SandboxedProcess process = command.trace().start();
        Streams out = timeout == null ? Streams.drain(process) : null;
        if (timeout == null) {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), out.stderr());
        } else {
            assertFalse(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "a server keeps running");
            process.destroyForcibly();
            process.waitFor();
        }
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS));
        // only what no lasting rule allows narrowly: a file of one process in /proc (setpriv reads its own status)
        assertEquals(List.of(), trace.denials().stream().filter(e -> !e.access().path().matches("/proc/\\d+/.*"))
                .map(e -> e.access().describe()).toList());
        Set<String> touched = trace.entries().stream().map(e -> e.access().path()).filter(p -> p != null
                && p.startsWith("/")).collect(Collectors.toSet());
        String home = System.getenv("HOME");
        for (LearnedProfile.Rule rule : result.rules()) {
            String path = rule.path();
            assertFalse(Set.of("/", "/proc", "/sys", "/dev", "/etc", "/usr", "/tmp").contains(path), path);
            assertFalse(path.equals(home) || home != null && home.startsWith(path + "/"), "home or above: " + path);
            // the only warnings: the lint's (git status writes .git, which lets a hook run outside the sandbox)
            assertTrue(rule.warning() == null || rule.warning().contains("(lint "), path + ": " + rule.warning());
            assertTrue(touched.stream().anyMatch(t -> t.equals(path) || t.startsWith(path + "/")),
                    "the rule for " + path + " covers something the program touched");
            boolean narrow = touched.contains(path)
                    || touched.stream().anyMatch(t -> AccessModel.parent(t).equals(path))
                    || LIBRARY_ROOTS.stream().anyMatch(r -> AccessModel.parent(path).equals(r));
            assertTrue(narrow, "the rule for " + path + " is a file or directory the program used, the folder "
                    + "of one, or a library directory");
            if (rule.mode() == AccessMode.RW || rule.mode() == AccessMode.RWX) {
                assertFalse(path.startsWith("/usr") || path.startsWith("/etc"), "rw in the system: " + path);
            }
        }
        return out;
    }

    private static String pathsOf(LearnedProfile result) {
        return result.rules().stream().map(r -> r.mode().label() + " " + r.path()).collect(Collectors.joining(", "));
    }

    @Test
    void gitStatusInATemporaryRepository() throws Exception {
        Path repo = Files.createDirectories(root.resolve("repo"));
        git(repo, "init", "-q", ".");
        Files.writeString(repo.resolve("a"), "a");
        // not "racily clean" (changed in the index's second): git status would read it in one round and not the next
        Files.setLastModifiedTime(repo.resolve("a"), FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        git(repo, "add", "a");
        git(repo, "-c", "user.email=a@b", "-c", "user.name=t", "commit", "-qm", "one");
        Files.writeString(repo.resolve("b"), "untracked");
        Policy start = Policy.builder().command("/usr/bin/git", "status", "--porcelain")
                .workingDirectory(repo.toString()).build();
        LearnedProfile result = learn(start, null);
        Streams out = runLearned(result, null);
        assertEquals("?? b\n", out.stdout(), "git sees the working tree as it is");
        String rules = pathsOf(result);
        assertTrue(rules.contains("rox /usr/bin/git"), rules);
        assertTrue(rules.contains("rox /usr/lib/x86_64-linux-gnu") || !Files.isDirectory(
                Path.of("/usr/lib/x86_64-linux-gnu")), rules);
        assertTrue(result.rules().stream().anyMatch(r -> r.path().equals(repo + "/.git")), rules);
        assertTrue(result.rules().stream().noneMatch(r -> r.path().startsWith(repo.toString())
                && r.mode() != AccessMode.RO && !r.path().equals(repo + "/.git")), "only .git is written: " + rules);
        // every learned rule says which access in which round needed it
        assertTrue(result.rules().stream().allMatch(r -> !r.reasons().isEmpty()));
        assertTrue(result.rules().stream().flatMap(r -> r.reasons().stream())
                .anyMatch(r -> r.matches("round \\d+: git tried to .*")), rules);
        // the written profile names the run's directory ${PWD}
        String written = dev.paddock.core.profile.ProfileWriter.write(result.profile("git-status", null,
                repo.toString()));
        assertTrue(written.contains("\"${PWD}/.git\""), written);
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor());
    }

    private Path script() throws IOException {
        Path dir = Files.createDirectories(root.resolve("py"));
        return Files.writeString(dir.resolve("s.py"), "import json, ssl\n"
                + "print(json.dumps({'ok': ssl.OPENSSL_VERSION.split()[0]}))\n");
    }

    /**
     * A process's own /proc entry cannot be allowed narrowly (only --ro /proc allows it, which the learner does not
     * take), and its pid changes every round: the learner says so once, not once per round.
     */
    @Test
    void aRefusedFixForEachProcesssOwnProcEntryIsNotedOnce() throws Exception {
        LearnedProfile result = learn(Policy.builder().command("/usr/bin/sh", "-c",
                "cat /proc/self/status > /dev/null; cat /etc/hostname > /dev/null; ls /usr/share > /dev/null").build(),
                Duration.ofSeconds(20));
        assertTrue(result.rounds().size() >= 2, result.rounds().toString());
        assertEquals(1, result.unlearned().stream().filter(note -> note.contains("/proc/")).count(),
                String.join("\n", result.unlearned()));
    }

    @Test
    void aPythonScriptThatImportsJsonAndSsl() throws Exception {
        Path script = script();
        LearnedProfile result = learn(Policy.builder().command("/usr/bin/python3", script.toString())
                .workingDirectory(script.getParent().toString()).build(), null);
        Streams out = runLearned(result, null);
        assertEquals("{\"ok\": \"OpenSSL\"}\n", out.stdout(), out.stderr());
        String rules = pathsOf(result);
        assertTrue(result.rules().stream().anyMatch(r -> r.path().matches("/usr/lib/python3\\.\\d+")
                && r.directory() && r.mode() == AccessMode.RO), "the standard library by its directory: " + rules);
        assertTrue(result.rules().stream().allMatch(r -> r.mode() == AccessMode.RO || r.mode() == AccessMode.ROX),
                "nothing written: " + rules);
        assertTrue(result.ports().isEmpty());
    }

    @Test
    void aPythonScriptRunAsNobody() throws Exception {
        Path script = script();
        AsNobody.openUp(root, script);
        List<String> command = new ArrayList<>(AsNobody.prefix());
        command.set(0, "/usr/bin/setpriv");
        command.addAll(List.of("/usr/bin/python3", script.toString()));
        LearnedProfile result = learn(Policy.builder().command(command)
                .workingDirectory(script.getParent().toString()).build(), null);
        Streams out = runLearned(result, null);
        assertEquals("{\"ok\": \"OpenSSL\"}\n", out.stdout(), out.stderr());
        assertTrue(result.rules().stream().anyMatch(r -> r.path().matches("/usr/bin/python3\\.\\d+")
                && r.mode() == AccessMode.ROX), pathsOf(result));
        assertTrue(result.unlearned().stream().anyMatch(u -> u.contains("/proc/") && u.contains("status")),
                "setpriv's own /proc status is reported, not learned: " + result.unlearned());
    }

    @Test
    void anHttpServerLearnsItsBindPortWithARoundTimeout() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path dir = Files.createDirectories(root.resolve("www"));
        Duration timeout = Duration.ofSeconds(3);
        LearnedProfile result = learn(Policy.builder().command("/usr/bin/python3", "-m", "http.server",
                String.valueOf(port), "--bind", "127.0.0.1").workingDirectory(dir.toString()).build(), timeout);
        assertTrue(result.rounds().get(result.rounds().size() - 1).timedOut());
        assertEquals(1, result.ports().size(), result.ports().toString());
        assertEquals(port, result.ports().get(0).port());
        assertEquals(dev.paddock.core.landlock.NetAccess.BIND_TCP, result.ports().get(0).right());
        assertNotNull(result.ports().get(0).reasons().get(0));
        assertTrue(result.policy().connectTcp().isEmpty());
        runLearned(result, timeout);
    }

    @Test
    void aCCompileWithGcc() throws Exception {
        Path dir = Files.createDirectories(root.resolve("cc"));
        Files.writeString(dir.resolve("hello.c"), "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
        // gcc finds as and ld on PATH; its temporary files go to TMPDIR, here the work directory, not /tmp
        LearnedProfile result = learn(Policy.builder().command("/usr/bin/gcc", "-o", "hello", "hello.c")
                .setEnv("PATH", "/usr/bin:/bin").setEnv("TMPDIR", dir.toString()).workingDirectory(dir.toString())
                .build(), null, 20);
        Files.delete(dir.resolve("hello"));
        runLearned(result, null);
        Process hello = new ProcessBuilder(dir.resolve("hello").toString()).start();
        assertEquals("hello\n", new String(hello.getInputStream().readAllBytes()));
        String rules = pathsOf(result);
        assertTrue(rules.contains("rw " + dir), "the work directory is written: " + rules);
        assertTrue(result.rules().stream().filter(r -> r.mode() == AccessMode.RW || r.mode() == AccessMode.RWX)
                .allMatch(r -> r.path().equals(dir.toString())), "nothing else is written: " + rules);
        assertTrue(rules.contains("ro /usr/include"), "the headers by their directory: " + rules);
    }

    @Test
    void unconfinedOneRunThenTheConfinedRunsCheckIt() throws Exception {
        Path script = script();
        Policy start = Policy.builder().command("/usr/bin/python3", script.toString())
                .workingDirectory(script.getParent().toString()).build();
        LearnedProfile result = ProfileLearner.learn(start, ProfileLearner.Options.defaults()
                .withContext(LaunchContext.forCommandLine(start)).withUnconfinedFirstRun(true));
        assertTrue(result.succeeded(), result.stop());
        assertEquals(0, result.rounds().get(0).number(), "round 0 is the unconfined one");
        assertEquals(2, result.rounds().size(), "one confined run confirms it: " + result.rounds());
        assertTrue(result.rules().stream().flatMap(r -> r.reasons().stream())
                .anyMatch(r -> r.startsWith("round 0 (unconfined): ")));
        Streams out = runLearned(result, null);
        assertEquals("{\"ok\": \"OpenSSL\"}\n", out.stdout(), out.stderr());
        assertTrue(result.rules().stream().allMatch(r -> r.mode() == AccessMode.RO || r.mode() == AccessMode.ROX),
                "nothing written: " + pathsOf(result));
    }

    @Test
    void withVariablesTakesTheLongerBase() {
        assertEquals("${PWD}/x", LearnedProfile.withVariables("/home/u/p/x", "/home/u", "/home/u/p"));
        assertEquals("${HOME}/.gitconfig", LearnedProfile.withVariables("/home/u/.gitconfig", "/home/u", "/tmp/w"));
        assertEquals("/home/uv", LearnedProfile.withVariables("/home/uv", "/home/u", null));
        assertEquals("/etc/x", LearnedProfile.withVariables("/etc/x", "/", "/"));
        assertEquals(new File("/").getPath(), "/");
    }
}
