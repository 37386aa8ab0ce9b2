package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.testing.Seccomp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without Landlock (simulated by seccomp on a throwaway thread) nothing runs unless the caller opts in. */
class NoLandlockTest {
    private final Sandbox sandbox = Sandbox.builder().readExec("/usr").build();

    @Test
    void detectionTellsNotBuiltFromDisabled() throws Exception {
        LandlockSupport notBuilt = Seccomp.withoutLandlock(Errno.ENOSYS, LandlockSupport::detect);
        assertEquals(LandlockSupport.Status.NOT_BUILT, notBuilt.status());
        assertFalse(notBuilt.available());
        LandlockSupport disabled = Seccomp.withoutLandlock(Errno.EOPNOTSUPP, LandlockSupport::detect);
        assertEquals(LandlockSupport.Status.DISABLED, disabled.status());
        assertTrue(disabled.summary().contains("lsm="), disabled.summary());
        assertTrue(LandlockSupport.detect().available(), "the filter must not outlive its thread");
    }

    @Test
    void aLaunchRefusesWithoutTheOptIn() {
        SandboxException e = assertThrows(SandboxException.class, () -> Seccomp.withoutLandlock(Errno.ENOSYS,
                () -> sandbox.command("/usr/bin/true").start()));
        assertEquals(SandboxException.Reason.LANDLOCK_UNAVAILABLE, e.reason());
        assertEquals("refusing to run unsandboxed because nothing is restricted: "
                + LandlockSupport.Status.NOT_BUILT.sentence()
                + " (opt in with --allow-unsandboxed to run it anyway)", e.getMessage());
    }

    @Test
    void withTheOptInItRunsAndReportsNotEnforced() throws Exception {
        SandboxedProcess process = Seccomp.withoutLandlock(Errno.EOPNOTSUPP,
                () -> sandbox.allowingUnsandboxed().command("/usr/bin/true").start());
        assertEquals(0, process.waitFor());
        assertEquals(EnforcementReport.Status.NOT_ENFORCED, process.report().status());
        assertEquals(0, process.report().abi());
    }

    @Test
    void strictRefusesEvenWithTheOptIn() {
        Sandbox strict = Sandbox.builder().readExec("/usr").strict().allowUnsandboxed(true).build();
        SandboxException e = assertThrows(SandboxException.class, () -> Seccomp.withoutLandlock(Errno.ENOSYS,
                () -> strict.command("/usr/bin/true").start()));
        assertEquals(SandboxException.Reason.NOT_FULLY_ENFORCED, e.reason());
    }

    @Test
    void aPolicyThatRestrictsNothingAlsoNeedsTheOptIn() {
        Sandbox open = Sandbox.builder().unrestrictedFilesystem(true).unrestrictedNetwork(true)
                .unrestrictedScopes(true).build();
        SandboxException e = assertThrows(SandboxException.class, () -> open.command("/usr/bin/true").start());
        assertEquals(SandboxException.Reason.LANDLOCK_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("leaves every area"), e.getMessage());
    }
}
