package dev.paddock.core.launch;

import dev.paddock.core.testing.Probe;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the child inherits: fds 0 to 2 and the environment the policy gives, nothing else. */
class ChildIsolationTest {

    private static Sandbox.Builder base() {
        return Sandbox.builder().readExec("/usr").readOnly("/proc");
    }

    /** The child's environment as /usr/bin/env prints it (python would add LC_CTYPE of its own). */
    private static String environmentOf(SandboxedCommand command) throws Exception {
        SandboxedProcess process = command.start();
        String out = Streams.drain(process).stdout();
        assertEquals(0, process.waitFor());
        return out;
    }

    @Test
    void theEnvironmentIsEmptyByDefault() throws Exception {
        assertEquals("", environmentOf(base().build().command("/usr/bin/env")));
    }

    @Test
    void passedVariablesComeFromTheCallerAndSetOnesAreSet() throws Exception {
        String home = System.getenv("HOME");
        Sandbox sandbox = base().passEnv("HOME", "PADDOCK_SURELY_UNSET").setEnv("GREETING", "a b=c").build();
        assertEquals("HOME=" + home + "\nGREETING=a b=c\n", environmentOf(sandbox.command("/usr/bin/env")));
    }

    @Test
    void theEnvironmentCanBeEditedPerCommand() throws Exception {
        SandboxedCommand command = base().setEnv("A", "1").build().command("/usr/bin/env");
        command.environment().put("B", "2");
        command.environment().remove("A");
        assertEquals("B=2\n", environmentOf(command));
    }

    @Test
    void secretsInTheJvmsEnvironmentDoNotReachTheChild() throws Exception {
        String jvmPath = System.getenv("PATH");
        String out = environmentOf(base().build().command("/usr/bin/env"));
        assertFalse(jvmPath != null && out.contains(jvmPath), out);
    }

    @Test
    void theChildHasOnlyStdinStdoutAndStderr(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("held-open"), "secret");
        try (FileInputStream held = new FileInputStream(secret.toFile())) {
            // python's listdir opens one fd of its own for /proc/self/fd
            String fds = Probe.one(base().build(), "fds:");
            assertEquals("0 1 2 3", fds);
            assertTrue(held.getFD().valid());
        }
    }

    @Test
    void theWorkingDirectoryIsSet(@TempDir Path dir) throws Exception {
        SandboxedProcess process = base().build().command("/usr/bin/pwd").directory(dir.toFile()).start();
        assertEquals(dir.toString(), Streams.drain(process).stdout().strip());
        assertEquals(0, process.waitFor());
    }

    @Test
    void aBareCommandIsFoundOnTheChildsPath() throws Exception {
        SandboxedCommand command = base().setEnv("PATH", "/usr/bin").build().command("true");
        assertEquals(0, command.start().waitFor());
        assertFalse(command.environment().containsKey("HOME"));
    }
}
