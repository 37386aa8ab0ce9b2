package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On the real kernel: a missing optional rule is skipped and the sandbox runs; a missing required one refuses. */
class OptionalRuleTest {
    @TempDir
    Path dir;

    @Test
    void aMissingOptionalPathIsSkippedAndTheRestIsEnforced() throws Exception {
        Path gone = dir.resolve("not-here");
        SandboxedProcess process = Sandbox.builder().readExec("/usr")
                .rule(new PathRule(gone.toString(), AccessMode.RO, false, true))
                .build().command("/usr/bin/cat", "/etc/hostname").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(1, process.waitFor(), out);
        assertTrue(out.contains("Permission denied"), out);
        assertTrue(process.report().notes().contains("skipped " + gone + ": it does not exist"),
                process.report().notes().toString());
    }

    @Test
    void aMissingRequiredPathStillRefuses() {
        SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.builder().readExec("/usr")
                .readOnly(dir.resolve("not-here").toString()).build().command("/usr/bin/true").start());
        assertEquals(SandboxException.Reason.MISSING_PATH, e.reason());
    }
}
