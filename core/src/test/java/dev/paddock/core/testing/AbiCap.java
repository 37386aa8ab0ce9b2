package dev.paddock.core.testing;

import dev.paddock.core.landlock.LandlockSupport;

import java.util.concurrent.Callable;

/** Runs code with the ABI capped by the system property, and always removes the cap afterwards. */
public final class AbiCap {
    private AbiCap() {
    }

    public static <T> T with(int abi, Callable<T> body) throws Exception {
        System.setProperty(LandlockSupport.ABI_CAP_PROPERTY, Integer.toString(abi));
        try {
            return body.call();
        } finally {
            System.clearProperty(LandlockSupport.ABI_CAP_PROPERTY);
        }
    }
}
