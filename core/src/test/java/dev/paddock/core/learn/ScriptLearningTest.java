package dev.paddock.core.learn;

import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning for a {@code #!} script: its first rules let it start (the script, its interpreter from the #! line with
 * the interpreter's ELF interpreter and libraries; for {@code #!/usr/bin/env NAME}, env and NAME found on the child's
 * PATH), so round 1 runs it instead of failing to execute it. As root, and (through the CLI) as nobody.
 */
class ScriptLearningTest {
    @TempDir
    Path root;

    private Path script(String name, String text) throws Exception {
        Path script = Files.writeString(root.resolve(name), text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private LearnedProfile learn(String... command) throws Exception {
        Policy given = Policy.builder().command(command).workingDirectory(root.toString()).build();
        LaunchContext context = LaunchContext.forCommandLine(given);
        return ProfileLearner.learn(ProfileLearner.startFor(given, context),
                ProfileLearner.Options.defaults().withContext(context));
    }

    @Test
    void aShScriptCalledByARelativePathRunsInRoundOne() throws Exception {
        Path script = script("hello.sh", "#!/bin/sh\necho hello\n");
        LearnedProfile result = learn("./hello.sh");
        assertTrue(result.succeeded(), result.stop());
        assertEquals(0, result.rounds().get(0).exitCode(), "round 1 ran the script: " + result.rounds());
        List<String> paths = result.rules().stream().map(LearnedProfile.Rule::path).toList();
        assertTrue(paths.contains(script.toRealPath().toString()), paths.toString());
        assertTrue(paths.contains(Path.of("/bin/sh").toRealPath().toString()), "the #! interpreter: " + paths);
    }

    @Test
    void anEnvShimRunsWhatEnvFindsOnThePath() throws Exception {
        Path shim = script("tool", "#!/usr/bin/env bash\necho \"bash $BASH_VERSION\"\n");
        LearnedProfile result = learn(shim.toString());
        assertTrue(result.succeeded(), result.stop());
        assertEquals(0, result.rounds().get(0).exitCode(), "round 1 ran the shim: " + result.rounds());
        String rules = result.rules().stream().map(r -> r.label() + " " + r.path()).toList().toString();
        assertTrue(rules.contains(Path.of("/usr/bin/env").toRealPath().toString()), "env: " + rules);
        assertTrue(rules.contains(Path.of("/bin/bash").toRealPath().toString())
                || rules.contains("rox " + Path.of("/bin/bash").toRealPath().getParent()), "bash: " + rules);
    }

    /**
     * A hostile script's #! line must not become a rule on anything but a regular file: naming / would grant execute
     * on everything, and a FIFO would block the learner reading it for its own #! line; nor on an interpreter the
     * kernel would not execute (a file without the execute bit).
     */
    @Test
    void aShebangNamingAFolderADeviceOrAFifoBecomesNoRule() throws Exception {
        Path fifo = root.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Files.createDirectories(root.resolve("folder"));
        Path notExecutable = Files.writeString(root.resolve("not-executable"), "#!/bin/sh\n");
        for (String interpreter : List.of("/", "/etc", "folder", "/dev/tty", fifo.toString(), notExecutable.toString())) {
            Path script = script("hostile", "#!" + interpreter + "\necho hi\n");
            Policy given = Policy.builder().command(script.toString()).workingDirectory(root.toString()).build();
            Policy.Builder builder = Policy.builder();
            CompletableFuture<Void> added = CompletableFuture.runAsync(() ->
                    StartRules.add(builder, script, LaunchContext.forCommandLine(given), null));
            added.get(10, TimeUnit.SECONDS);
            List<String> paths = builder.build().paths().stream().map(rule -> rule.path()).toList();
            assertEquals(List.of(script.toRealPath().toString()), paths, "#!" + interpreter);
        }
    }

    /**
     * The word env runs is the first that is neither an option, an option's argument nor a setting: a hostile
     * {@code #!/usr/bin/env -S -u FILE sh} (which runs sh, env unsetting a variable named FILE) must not make FILE a
     * rule, and sh, which env runs, is found past it. Before, FILE was taken for the command and granted rox.
     */
    @Test
    void anEnvOptionsArgumentIsNotTheCommand() throws Exception {
        Path secret = Files.writeString(root.resolve("secret.txt"), "not for the script\n");
        Path folder = Files.createDirectories(root.resolve("elsewhere"));
        Path sh = Path.of("/bin/sh").toRealPath();
        for (String options : List.of("-S -u " + secret, "-S -C " + folder + " -u " + secret, "-S -iu " + secret,
                "-S --unset " + secret + " --", "-S --chdir " + folder + " -- ", "-S -u\"\" " + secret,
                "-S -u\\_" + secret)) {
            boolean rewritten = options.contains("\"") || options.contains("\\");
            Path script = script("shim", "#!/usr/bin/env " + options + " sh\necho ran\n");
            Policy given = Policy.builder().command(script.toString()).workingDirectory(root.toString()).build();
            Policy.Builder builder = Policy.builder();
            StartRules.add(builder, script, LaunchContext.forCommandLine(given), "/usr/bin:/bin");
            List<String> paths = builder.build().paths().stream().map(rule -> rule.path()).toList();
            assertTrue(paths.stream().noneMatch(p -> p.startsWith(secret.toString())
                    || p.startsWith(folder.toString())), options + ": " + paths);
            if (!rewritten) { // env -S's quoting makes no guess: learning finds sh
                assertTrue(paths.contains(sh.toString()) || paths.contains(sh.getParent().toString()),
                        options + ": sh, which env runs: " + paths);
            }
        }
    }

    @Test
    void theShebangLineIsReadAsTheKernelReadsIt() throws Exception {
        assertEquals(List.of("/usr/bin/env", "-S", "python3", "-u"),
                StartRules.shebang(script("a", "#! /usr/bin/env -S python3 -u\nprint(1)\n")));
        assertEquals(null, StartRules.shebang(script("b", "echo no line\n")));
        assertEquals(List.of(), StartRules.shebang(script("c", "#!\n")));
    }

    @Test
    void aScriptLearnsThroughTheCliAsNobody() throws Exception {
        script("hello.sh", "#!/bin/sh\necho hello\n");
        AsNobody.openUp(root, root.resolve("hello.sh"));
        List<String> command = new ArrayList<>(AsNobody.prefix());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", AsNobody.classpath(), "dev.paddock.core.cli.PaddockCli", "learn",
                "--", "./hello.sh"));
        Process learn = new ProcessBuilder(command).directory(root.toFile()).start();
        learn.getOutputStream().close();
        Streams streams = Streams.drain(learn);
        assertEquals(0, learn.waitFor(), streams.stderr());
        assertTrue(streams.stderr().contains("round 1: exit 0"), streams.stderr());
        assertTrue(streams.stdout().contains("\"${PWD}/hello.sh\""), streams.stdout());
    }
}
