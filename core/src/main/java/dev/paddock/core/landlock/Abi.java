package dev.paddock.core.landlock;

import java.util.EnumSet;
import java.util.Set;

/** The Landlock ABI versions Paddock knows, and what each one can enforce. */
public final class Abi {
    /** The newest ABI this version of Paddock knows the rights of. */
    public static final int LATEST = 9;

    private static final String[] KERNELS = {"", "5.13", "5.19", "6.2", "6.7", "6.10", "6.12", "6.15", "7.0", "7.1"};

    private Abi() {
    }

    /** The mainline Linux release that brought the given ABI, such as "6.2" for ABI 3. */
    public static String kernelFor(int abi) {
        if (abi < 1 || abi > LATEST) {
            throw new IllegalArgumentException("Landlock ABI " + abi + " is unknown; Paddock knows ABI 1 to " + LATEST);
        }
        return KERNELS[abi];
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

    /** The size of struct landlock_ruleset_attr that an ABI accepts: it grew with network rights and scopes. */
    public static int rulesetAttrSize(int abi) {
        if (Feature.SCOPES.availableOn(abi)) {
            return 24;
        }
        return Feature.TCP.availableOn(abi) ? 16 : 8;
    }

    private static <E extends Enum<E> & AccessRight> Set<E> supported(Class<E> type, int abi) {
        EnumSet<E> result = EnumSet.noneOf(type);
        for (E right : type.getEnumConstants()) {
            if (right.abi() <= abi) {
                result.add(right);
            }
        }
        return result;
    }
}
