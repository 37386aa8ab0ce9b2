package dev.paddock.core.interop;

import dev.paddock.core.cli.PaddockCli;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.seccomp.SeccompRule;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exported landrun line is run for real, by sh, with {@code landrun} standing for {@code paddock run} (which
 * takes landrun's flags), and the whole launcher running as nobody: what the profile allows works, what it does not
 * is denied by the kernel, and nothing the command words hold (quotes, $, ;) reaches the shell as code.
 */
class ExportedLineRunsConfinedTest {

    @Test
    void theExportedLandrunLineRunsTheCommandConfinedAsNobody(@TempDir Path dir) throws Exception {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        Path denied = Files.createDirectory(dir.resolve("denied"));
        Files.writeString(allowed.resolve("ok.txt"), "visible\n");
        Files.writeString(denied.resolve("secret.txt"), "secret\n");
        Path marker = dir.resolve("injected");
        AsNobody.openUp(dir, allowed.resolve("ok.txt"));
        AsNobody.openUp(dir, denied.resolve("secret.txt"));
        Policy policy = Policy.builder().readExec("/usr").readOnly(allowed.toString())
                .command("/usr/bin/sh", "-c", "cat \"$1\" \"$2\"; echo \"$3\"", "sh", allowed.resolve("ok.txt")
                        .toString(), denied.resolve("secret.txt").toString(), "'; touch " + marker + "; '$(id)")
                .build();
        String line = LandrunExporter.export(new Profile("export", "", "", policy)).text();

        List<String> launcher = new ArrayList<>(AsNobody.prefix());
        Path scratch = Files.createDirectory(dir.resolve("jvm-tmp"));
        Files.setPosixFilePermissions(scratch, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        launcher.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + scratch, "-cp",
                AsNobody.classpath(), PaddockCli.class.getName(), "run"));
        String function = "landrun() { exec " + String.join(" ", launcher.stream()
                .map(w -> "'" + w.replace("'", "'\\''") + "'").toList()) + " \"$@\"; }";
        AsNobody.openUp(dir, dir);
        Process sh = new ProcessBuilder("/bin/sh", "-c", function + "\n" + line).directory(dir.toFile()).start();
        sh.getOutputStream().close();
        Streams streams = Streams.drain(sh);
        assertTrue(sh.waitFor(60, TimeUnit.SECONDS));

        assertTrue(streams.stdout().contains("visible"), line + "\n" + streams.stdout() + streams.stderr() + sh.exitValue());
        assertFalse(streams.stdout().contains("secret"), streams.stdout());
        assertTrue(streams.stderr().contains("Permission denied"), streams.stderr());
        assertTrue(streams.stdout().contains("'; touch " + marker + "; '$(id)"), streams.stdout());
        assertFalse(Files.exists(marker));
    }

    @Test
    void hardeningThatLandrunCannotGiveIsWarnedAbout() {
        Policy policy = Policy.builder().readExec("/usr").harden(SeccompRule.UDP).command("/usr/bin/true").build();
        Export export = LandrunExporter.export(new Profile("hardened", "", "", policy));
        assertEquals(List.of(LandrunInteropTest.UDP, "landrun has no seccomp layer, so the profile's hardening (udp) "
                + "is lost; paddock run keeps it"), export.warnings());
    }
}
