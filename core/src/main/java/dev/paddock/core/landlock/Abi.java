package dev.paddock.core.landlock;

import java.util.EnumSet;
import java.util.Set;

/**
 * The Landlock ABI versions Paddock knows, and what each one can enforce.
 *
 * <p>Checked against the kernel's include/uapi/linux/landlock.h, security/landlock/syscalls.c (which sets
 * landlock_abi_version) and Documentation/userspace-api/landlock.rst: ABI 8 is Linux 7.0 (TSYNC), 9 is 7.1
 * (RESOLVE_UNIX), 10 is 7.2 (UDP rights and the quiet flags, and a 48-byte landlock_ruleset_attr), 11 is 7.3
 * (LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS: the syscalls.c that accepts that flag reports ABI 11).
 */
public final class Abi {
    /** The newest ABI this version of Paddock knows the rights of. */
    public static final int LATEST = 11;

    private static final String[] KERNELS = {"", "5.13", "5.19", "6.2", "6.7", "6.10", "6.12", "6.15", "7.0", "7.1",
            "7.2", "7.3"};

    private Abi() {
    }

    /** The mainline Linux release that brought the given ABI, such as "6.2" for ABI 3. */
    public static String kernelFor(int abi) {
        if (abi < 1 || abi > LATEST) {
            throw new IllegalArgumentException("Landlock ABI " + abi + " is unknown; Paddock knows ABI 1 to " + LATEST);
        }
        return KERNELS[abi];
    }

    /** Whether Paddock knows this ABI (1 to {@link #LATEST}). */
    public static boolean known(int abi) {
        return abi >= 1 && abi <= LATEST;
    }

    /** "ABI 3 (Linux 6.2)", the way reports name a requirement. */
    public static String describe(int abi) {
        return "ABI " + abi + " (Linux " + kernelFor(abi) + ")";
    }

    public static Set<FsAccess> filesystemRights(int abi) {
        return supported(FsAccess.class, abi);
    }

    public static Set<NetAccess> networkRights(int abi) {
        return supported(NetAccess.class, abi);
    }

    public static Set<Scope> scopes(int abi) {
        return supported(Scope.class, abi);
    }

    public static Set<AuditFlag> auditFlags(int abi) {
        return supported(AuditFlag.class, abi);
    }

    /**
     * The size of struct landlock_ruleset_attr that an ABI accepts: the end of its last field that the ABI knows.
     * It grew with network rights (16), scopes (24) and the quiet fields (48). An older kernel refuses a longer
     * struct whose tail is not zero (E2BIG), so each ABI gets exactly its own size.
     */
    public static int rulesetAttrSize(int abi) {
        int size = 0;
        for (RulesetField field : RulesetField.values()) {
            if (field.abi() <= abi) {
                size = Math.max(size, field.offset() + RulesetField.SIZE);
            }
        }
        return size;
    }

    /** Every right, scope and flag of one kind that the given ABI knows. */
    public static <E extends Enum<E> & AccessRight> Set<E> supported(Class<E> type, int abi) {
        EnumSet<E> result = EnumSet.noneOf(type);
        for (E right : type.getEnumConstants()) {
            if (right.abi() <= abi) {
                result.add(right);
            }
        }
        return result;
    }
}
