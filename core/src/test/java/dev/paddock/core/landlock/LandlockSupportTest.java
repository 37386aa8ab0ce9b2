package dev.paddock.core.landlock;

import dev.paddock.core.testing.AbiCap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection on the real kernel (this machine kind has ABI 7), and the cap property. */
class LandlockSupportTest {

    @Test
    void detectsTheKernelsAbiAndRelease() {
        LandlockSupport support = LandlockSupport.detect();
        assertEquals(LandlockSupport.Status.AVAILABLE, support.status());
        assertTrue(support.kernelAbi() >= 7, "this machine kind has ABI 7 or newer");
        assertEquals(Math.min(support.kernelAbi(), Abi.LATEST), support.abi());
        assertEquals(System.getProperty("os.version"), support.kernelRelease());
        assertFalse(support.capped());
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
