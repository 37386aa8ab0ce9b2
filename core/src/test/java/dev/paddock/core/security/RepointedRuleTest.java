package dev.paddock.core.security;

import dev.paddock.core.SandboxException;
import dev.paddock.core.cli.PaddockCli;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.testing.AsNobody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the real kernel: a profile that makes a folder writable (with make_sym) and grants more on a path beneath it.
 * The program of one run replaces that path with a symbolic link to a secret folder; the next run of the same profile
 * must not follow the link (it would grant the nested rule's rights on the secret): the launch is refused, naming the
 * link's folder. A nested rule with no link on its way still works, and a link the profile names directly is fine
 * where the sandbox cannot make links.
 */
class RepointedRuleTest {
    @TempDir
    Path dir;

    @Test
    void aNestedRuleRepointedByAnEarlierRunIsRefused() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Files.writeString(out.resolve("mine"), "mine\n");
        Path secret = Files.createDirectories(dir.resolve("secret"));
        Files.writeString(secret.resolve("key"), "KEY\n");
        Sandbox sandbox = Sandbox.builder().readExec("/usr").readWrite(work.toString()).readOnly(out.toString())
                .build();

        SandboxedProcess first = sandbox.command("/usr/bin/sh", "-c",
                "cat \"$1/mine\" && rm -r \"$1\" && ln -s \"$2\" \"$1\"", "sh", out.toString(), secret.toString())
                .redirectErrorStream(true).start();
        String said = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, first.waitFor(), said);
        assertTrue(Files.isSymbolicLink(out), "the first run put the link in place");

        SandboxException refused = assertThrows(SandboxException.class,
                () -> sandbox.command("/usr/bin/cat", out.resolve("key").toString()).start());
        assertTrue(refused.getMessage().contains("symbolic link beneath " + work), refused.getMessage());
        assertTrue(refused.getMessage().contains("make_sym"), refused.getMessage());
    }

    @Test
    void aLinkOnTheWayToTheNestedRuleIsRefusedToo() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path secret = Files.createDirectories(dir.resolve("secret"));
        Files.createDirectories(secret.resolve("bin"));
        Files.createSymbolicLink(work.resolve("tools"), secret);
        SandboxException refused = assertThrows(SandboxException.class, () -> Sandbox.builder().readExec("/usr")
                .readWrite(work.toString()).readExec(work.resolve("tools/bin").toString()).build()
                .command("/usr/bin/true").start());
        assertTrue(refused.getMessage().contains("symbolic link beneath " + work), refused.getMessage());
    }

    @Test
    void nestedRulesWithoutLinksAndLinksOutsideWritableFoldersStillWork() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Files.writeString(out.resolve("mine"), "mine\n");
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("data"), "data\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readWrite(work.toString())
                .readOnly(out.toString()).readOnly(link.toString()).build()
                .command("/usr/bin/cat", out.resolve("mine").toString(), link.resolve("data").toString())
                .redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), said);
        assertEquals("mine\ndata\n", said);
    }

    @Test
    void asNobodyTheSecondRunOfTheCommandLineRefusesAndTheSecretStaysUnread() throws Exception {
        List<String> nobody = AsNobody.prefix();
        Path work = Files.createDirectories(dir.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path secret = Files.createDirectories(dir.resolve("secret"));
        Files.writeString(secret.resolve("key"), "KEY\n");
        AsNobody.openUp(dir, secret.resolve("key"));
        AsNobody.openUp(dir, out);
        // the program may change what is in work: nobody owns it
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> flags = List.of("--rox", "/usr", "--rw", work.toString(), "--ro", out.toString(), "--");

        Run first = paddock(nobody, flags, "/usr/bin/sh", "-c", "rmdir \"$1\" && ln -s \"$2\" \"$1\"", "sh",
                out.toString(), secret.toString());
        assertEquals(0, first.exit, first.err);
        assertTrue(Files.isSymbolicLink(out));

        Run second = paddock(nobody, flags, "/usr/bin/cat", out.resolve("key").toString());
        assertEquals(PaddockCli.FAILURE, second.exit, second.err);
        assertFalse(second.out.contains("KEY"), second.out);
        assertTrue(second.err.contains("symbolic link beneath " + work), second.err);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run paddock(List<String> prefix, List<String> flags, String... command) throws Exception {
        List<String> words = new ArrayList<>(prefix);
        words.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", AsNobody.classpath(), PaddockCli.class.getName(), "run"));
        words.addAll(flags);
        words.addAll(List.of(command));
        Process process = new ProcessBuilder(words).directory(dir.toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
