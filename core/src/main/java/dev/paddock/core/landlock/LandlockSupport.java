package dev.paddock.core.landlock;

import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the running kernel offers: whether Landlock is there at all, which ABI Paddock will use, which errata the
 * kernel fixed, and which parts of its ABI it lacks. The ABI can be capped below the kernel's with the system property
 * {@value #ABI_CAP_PROPERTY}, so that tests and users can see how a policy behaves on an older kernel.
 *
 * @param status        whether Landlock can be used
 * @param kernelAbi     the ABI the kernel reports, 0 when Landlock is not available
 * @param abi           the ABI Paddock uses: the kernel's, capped, and never above {@link Abi#LATEST}
 * @param capped        whether the cap property lowered the ABI
 * @param kernelRelease the kernel release, as uname -r prints it
 * @param errno         the error the probe got, 0 when available
 * @param errata        the errata the kernel reports fixed (bit N-1 for erratum N), or -1 when it does not answer
 * @param missing       the rights and flags of {@code abi} that this kernel refuses all the same: a distribution
 *                      kernel can report an ABI without all of it (an ABI 6 without the signal scope, say)
 */
public record LandlockSupport(Status status, int kernelAbi, int abi, boolean capped, String kernelRelease, int errno,
                              long errata, Set<AccessRight> missing) {

    public static final String ABI_CAP_PROPERTY = "paddock.abi.max";

    public LandlockSupport {
        missing = Collections.unmodifiableSet(new LinkedHashSet<>(missing));
    }

    /** A kernel with all of its ABI, that does not answer the errata query. */
    public LandlockSupport(Status status, int kernelAbi, int abi, boolean capped, String kernelRelease, int errno) {
        this(status, kernelAbi, abi, capped, kernelRelease, errno, -1, Set.of());
    }

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
        return right.abi() <= abi && !missing.contains(right);
    }

    /** Whether this kernel has the feature, all of it. */
    public boolean has(Feature feature) {
        return feature.availableOn(abi) && missing.stream().noneMatch(right -> Feature.of(right) == feature);
    }

    /**
     * "needs ABI 9 (Linux 7.1)" when this kernel's ABI is too old for the right, "is missing from this kernel's ABI 6"
     * when the kernel lacks it all the same, else the empty string.
     */
    public String requirement(AccessRight right) {
        if (right.abi() > abi) {
            return "needs " + Abi.describe(right.abi());
        }
        return missing.contains(right) ? "is missing from this kernel's ABI " + abi : "";
    }

    /** Whether the kernel answered the errata query. */
    public boolean answersErrata() {
        return errata >= 0;
    }

    /** Whether the kernel reports the erratum fixed; false too when it does not answer. */
    public boolean fixed(Erratum erratum) {
        return answersErrata() && (errata & erratum.bit()) != 0;
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
        if (capped) {
            base += " (capped from ABI " + kernelAbi + " by " + ABI_CAP_PROPERTY + ")";
        }
        if (!missing.isEmpty()) {
            base += ", without " + missing.stream().map(AccessRight::id).collect(Collectors.joining(", "));
        }
        return base;
    }

    /**
     * Probes the kernel from the calling thread, and applies the cap property: the ABI (one system call), the errata
     * (one), and, for a kernel that might lack part of its ABI, a ruleset with everything the ABI knows (two: made and
     * closed; more only when the kernel refuses it). Not cached: a thread can see a different answer (tests simulate a
     * kernel without Landlock with a seccomp filter on theirs).
     */
    public static LandlockSupport detect() {
        String release = System.getProperty("os.version", "unknown");
        long version = Landlock.query(CreateFlag.VERSION);
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
        KernelParts parts = kernelParts(abi);
        return new LandlockSupport(status, kernelAbi, abi, capped, release, 0, parts.errata(), parts.missing());
    }

    /** The errata and the parts missing from an ABI: probed once per ABI, since a running kernel does not change. */
    private record KernelParts(long errata, Set<AccessRight> missing) {
    }

    private static final java.util.Map<Integer, KernelParts> PARTS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Every launch asks for the ABI (one system call, so a thread that cannot reach Landlock is told so), but the
     * errata query and the probe of what the ABI lacks (a ruleset per right) are made once per ABI and process:
     * they were a few dozen system calls on every launch.
     */
    private static KernelParts kernelParts(int abi) {
        return PARTS.computeIfAbsent(abi, key -> {
            long errata = Landlock.query(CreateFlag.ERRATA);
            return new KernelParts(errata < 0 ? -1 : errata, key == 0 ? Set.of() : missing(key, Landlock::accepts));
        });
    }

    /** A kernel to probe: whether it accepts a ruleset made from these landlock_ruleset_attr bytes. */
    @FunctionalInterface
    public interface RulesetProbe {
        boolean accepts(byte[] attr);
    }

    /**
     * The rights and flags of {@code abi} that the kernel refuses: none when it accepts a ruleset that handles (and,
     * from ABI 10, quiets) everything the ABI knows, else each one it refuses on its own.
     */
    public static Set<AccessRight> missing(int abi, RulesetProbe kernel) {
        long fs = AccessRight.maskOf(Abi.filesystemRights(abi));
        long net = AccessRight.maskOf(Abi.networkRights(abi));
        long scoped = AccessRight.maskOf(Abi.scopes(abi));
        boolean quiet = Feature.QUIET.availableOn(abi);
        if (kernel.accepts(LandlockStructs.rulesetAttr(abi, fs, net, scoped, quiet ? fs : 0, quiet ? net : 0,
                quiet ? scoped : 0))) {
            return Set.of();
        }
        List<AccessRight> missing = new ArrayList<>();
        for (FsAccess right : Abi.filesystemRights(abi)) {
            if (!kernel.accepts(LandlockStructs.rulesetAttr(abi, right.bit(), 0, 0, 0, 0, 0))) {
                missing.add(right);
            }
        }
        for (NetAccess right : Abi.networkRights(abi)) {
            if (!kernel.accepts(LandlockStructs.rulesetAttr(abi, 0, right.bit(), 0, 0, 0, 0))) {
                missing.add(right);
            }
        }
        for (Scope scope : Abi.scopes(abi)) {
            if (!kernel.accepts(LandlockStructs.rulesetAttr(abi, 0, 0, scope.bit(), 0, 0, 0))) {
                missing.add(scope);
            }
        }
        long read = FsAccess.READ_FILE.bit();
        if (quiet && !kernel.accepts(LandlockStructs.rulesetAttr(abi, read, 0, 0, read, 0, 0))) {
            missing.add(RuleFlag.QUIET);
        }
        return new LinkedHashSet<>(missing);
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
