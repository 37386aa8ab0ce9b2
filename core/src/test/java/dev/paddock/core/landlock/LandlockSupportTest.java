package dev.paddock.core.landlock;

import dev.paddock.core.testing.AbiCap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection on the real kernel, checked against a probe of its own, and the cap property. */
class LandlockSupportTest {

    /** The kernel's ABI as another program asks for it: landlock_create_ruleset(NULL, 0, VERSION) from python. */
    private static int abiAsPythonSeesIt() throws Exception {
        Process python = new ProcessBuilder("/usr/bin/python3", "-S", "-I", "-c",
                "import ctypes\nlibc = ctypes.CDLL(None)\nlibc.syscall.restype = ctypes.c_long\n"
                        + "print(libc.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1)))").start();
        String out = new String(python.getInputStream().readAllBytes()).strip();
        assertEquals(0, python.waitFor());
        return Integer.parseInt(out);
    }

    @Test
    void detectsTheKernelsAbiAndRelease() throws Exception {
        LandlockSupport support = LandlockSupport.detect();
        int kernel = abiAsPythonSeesIt();
        assertEquals(kernel > 0, support.status() == LandlockSupport.Status.AVAILABLE, support.summary());
        assertEquals(Math.max(kernel, 0), support.kernelAbi());
        assertEquals(Math.min(support.kernelAbi(), Abi.LATEST), support.abi());
        assertEquals(System.getProperty("os.version"), support.kernelRelease());
        assertFalse(support.capped());
    }

    @Test
    void whatThisKernelEnforcesFollowsItsAbi() throws Exception {
        LandlockSupport three = AbiCap.with(3, LandlockSupport::detect);
        assertTrue(three.enforces(FsAccess.TRUNCATE));
        assertFalse(three.enforces(NetAccess.CONNECT_TCP));
        assertEquals("needs ABI 4 (Linux 6.7)", three.requirement(NetAccess.CONNECT_TCP));
        assertEquals("", three.requirement(FsAccess.REFER));
        assertTrue(three.has(Feature.REFER));
        assertFalse(three.has(Feature.SCOPES));
    }

    @Test
    void thisKernelAnswersTheErrataQueryAndHasAllOfItsAbi() {
        LandlockSupport support = LandlockSupport.detect();
        assertTrue(support.answersErrata(), "Linux 6.15 and newer answer LANDLOCK_CREATE_RULESET_ERRATA");
        assertTrue(support.fixed(Erratum.TCP_SOCKET_IDENTIFICATION), Long.toString(support.errata()));
        assertEquals(java.util.Set.of(), support.missing());
        assertFalse(support.summary().contains("without"), support.summary());
        assertTrue(support.has(Feature.SCOPES));
        assertFalse(support.has(Feature.UDP));
    }

    /** A kernel that reports an ABI but refuses some of its bits: it accepts only rulesets within its masks. */
    private static LandlockSupport.RulesetProbe kernelWith(long fs, long net, long scoped, boolean quiet) {
        return attr -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(attr).order(java.nio.ByteOrder.nativeOrder());
            boolean tail = attr.length > 24 && (b.getLong(24) | b.getLong(32) | b.getLong(40)) != 0;
            return (b.getLong(0) & ~fs) == 0 && (attr.length < 16 || (b.getLong(8) & ~net) == 0)
                    && (attr.length < 24 || (b.getLong(16) & ~scoped) == 0) && (quiet || !tail);
        };
    }

    @Test
    void aKernelThatReportsAnAbiButLacksPartOfItIsReportedAsItReallyIs() throws Exception {
        long fs6 = AccessRight.maskOf(Abi.filesystemRights(6));
        assertEquals(java.util.Set.of(), LandlockSupport.missing(6, kernelWith(fs6, 3, 3, false)));
        java.util.Set<AccessRight> missing = LandlockSupport.missing(6, kernelWith(fs6, 3, 1, false));
        assertEquals(java.util.Set.of(Scope.SIGNAL), missing);
        LandlockSupport support = new LandlockSupport(LandlockSupport.Status.AVAILABLE, 6, 6, false, "6.12.0", 0,
                -1, missing);
        assertFalse(support.enforces(Scope.SIGNAL));
        assertTrue(support.enforces(Scope.ABSTRACT_UNIX_SOCKET));
        assertFalse(support.has(Feature.SCOPES));
        assertEquals("is missing from this kernel's ABI 6", support.requirement(Scope.SIGNAL));
        assertEquals("Landlock ABI 6 on Linux 6.12.0, without signal", support.summary());

        long fs10 = AccessRight.maskOf(Abi.filesystemRights(10));
        assertEquals(java.util.Set.of(RuleFlag.QUIET), LandlockSupport.missing(10, kernelWith(fs10, 0xf, 3, false)));
        assertEquals(java.util.Set.of(NetAccess.BIND_UDP, NetAccess.CONNECT_SEND_UDP),
                LandlockSupport.missing(10, kernelWith(fs10, 3, 3, true)));
    }

    @Test
    void theCapPropertyLowersTheAbi() throws Exception {
        LandlockSupport capped = AbiCap.with(3, LandlockSupport::detect);
        assertEquals(3, capped.abi());
        assertTrue(capped.capped());
        assertTrue(capped.summary().contains("capped from ABI"), capped.summary());
        LandlockSupport off = AbiCap.with(0, LandlockSupport::detect);
        assertEquals(LandlockSupport.Status.CAPPED_OFF, off.status());
        assertFalse(off.available());
    }

    @Test
    void aBadCapIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AbiCap.with(0, () -> {
                    System.setProperty(LandlockSupport.ABI_CAP_PROPERTY, "seven");
                    return LandlockSupport.detect();
                }));
        assertEquals("paddock.abi.max must be a whole number from 0 up, not \"seven\"", e.getMessage());
    }
}
