package dev.paddock.core.landlock;

import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

/**
 * What the running kernel offers: whether Landlock is there at all, and which ABI Paddock will use. The ABI can be
 * capped below the kernel's with the system property {@value #ABI_CAP_PROPERTY}, so that tests and users can see how
 * a policy behaves on an older kernel.
 *
 * @param status       whether Landlock can be used
 * @param kernelAbi    the ABI the kernel reports, 0 when Landlock is not available
 * @param abi          the ABI Paddock uses: the kernel's, capped, and never above {@link Abi#LATEST}
 * @param capped       whether the cap property lowered the ABI
 * @param kernelRelease the kernel release, as uname -r prints it
 * @param errno        the error the probe got, 0 when available
 */
public record LandlockSupport(Status status, int kernelAbi, int abi, boolean capped, String kernelRelease, int errno) {

    public static final String ABI_CAP_PROPERTY = "paddock.abi.max";

    /** Whether Landlock can be used. */
    public enum Status {
        AVAILABLE("Landlock is available"),
        DISABLED("Landlock is built into this kernel but not enabled: add landlock to the lsm= boot parameter "
                + "(or to CONFIG_LSM) and reboot"),
        NOT_BUILT("Landlock is not built into this kernel: it needs Linux 5.13 or newer with CONFIG_SECURITY_LANDLOCK=y"),
        CAPPED_OFF("Landlock is switched off by " + ABI_CAP_PROPERTY + "=0"),
        UNKNOWN_ERROR("Landlock could not be probed");

        private final String sentence;

        Status(String sentence) {
            this.sentence = sentence;
        }

        /** One sentence that says what this status means and, when it is bad, what to do. */
        public String sentence() {
            return sentence;
        }
    }

    /** Whether this kernel (at the ABI Paddock uses) enforces the right, scope or flag. */
    public boolean enforces(AccessRight right) {
        return right.abi() <= abi;
    }

    /** Whether this kernel has the feature. */
    public boolean has(Feature feature) {
        return feature.availableOn(abi);
    }

    /** "needs ABI 9 (Linux 7.1)" when this kernel cannot enforce the right, else the empty string. */
    public String requirement(AccessRight right) {
        return enforces(right) ? "" : "needs " + Abi.describe(right.abi());
    }

    /** Whether Paddock can enforce anything here. */
    public boolean available() {
        return abi > 0;
    }

    /** A one-line summary, such as "Landlock ABI 7 on Linux 6.18.4". */
    public String summary() {
        if (!available()) {
            return status.sentence() + " (kernel " + kernelRelease + ")";
        }
        String base = "Landlock ABI " + abi + " on Linux " + kernelRelease;
        return capped ? base + " (capped from ABI " + kernelAbi + " by " + ABI_CAP_PROPERTY + ")" : base;
    }

    /**
     * Probes the kernel from the calling thread (one system call), and applies the cap property. Not cached: a
     * thread can see a different answer (tests simulate a kernel without Landlock with a seccomp filter on theirs).
     */
    public static LandlockSupport detect() {
        String release = System.getProperty("os.version", "unknown");
        long version = LibC.syscall(Landlock.SYS_CREATE_RULESET, 0, 0, Landlock.CREATE_RULESET_VERSION, 0);
        int errno = version < 0 ? LibC.errno() : 0;
        int cap = abiCap();
        if (version < 0) {
            Status status = switch (errno) {
                case Errno.ENOSYS -> Status.NOT_BUILT;
                case Errno.EOPNOTSUPP -> Status.DISABLED;
                default -> Status.UNKNOWN_ERROR;
            };
            return new LandlockSupport(status, 0, 0, false, release, errno);
        }
        int kernelAbi = (int) version;
        int abi = Math.min(Math.min(kernelAbi, cap), Abi.LATEST);
        boolean capped = abi < Math.min(kernelAbi, Abi.LATEST);
        Status status = abi == 0 ? Status.CAPPED_OFF : Status.AVAILABLE;
        return new LandlockSupport(status, kernelAbi, abi, capped, release, 0);
    }

    private static int abiCap() {
        String value = System.getProperty(ABI_CAP_PROPERTY);
        if (value == null || value.isBlank()) {
            return Integer.MAX_VALUE;
        }
        try {
            int cap = Integer.parseInt(value.trim());
            if (cap < 0) {
                throw new NumberFormatException();
            }
            return cap;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ABI_CAP_PROPERTY + " must be a whole number from 0 up, not \""
                    + value + "\"");
        }
    }
}
