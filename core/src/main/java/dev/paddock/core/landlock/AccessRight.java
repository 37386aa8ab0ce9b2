package dev.paddock.core.landlock;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One Landlock access right, scope or flag: the bit the kernel knows it by, the ABI that brought it, and the words
 * Paddock teaches it with.
 */
public sealed interface AccessRight
        permits FsAccess, NetAccess, Scope, AuditFlag, RestrictFlag, RuleFlag, CreateFlag {

    /** Its bit, ABI and teaching text, the facts every kind of right has. */
    RightFacts facts();

    /** The single bit of this right in its kernel mask. */
    default long bit() {
        return 1L << facts().bitIndex();
    }

    /** The first Landlock ABI that knows this right. */
    default int abi() {
        return facts().abi();
    }

    /** The enum constant's name, such as READ_FILE. */
    String name();

    /** The name in lower snake case, as landlockconfig and the kernel documentation spell it. */
    default String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One sentence that explains what the right allows or does. */
    default String explanation() {
        return facts().explanation();
    }

    /** What goes unrestricted when the kernel cannot handle this right, as a noun phrase ("truncating files"). */
    default String activity() {
        return facts().activity();
    }

    /** The kernel's C name, for example LANDLOCK_ACCESS_FS_READ_FILE: the prefix of its kind, then its name. */
    default String kernelName() {
        String prefix;
        if (this instanceof FsAccess) {
            prefix = "LANDLOCK_ACCESS_FS_";
        } else if (this instanceof NetAccess) {
            prefix = "LANDLOCK_ACCESS_NET_";
        } else if (this instanceof Scope) {
            prefix = "LANDLOCK_SCOPE_";
        } else if (this instanceof AuditFlag || this instanceof RestrictFlag) {
            prefix = "LANDLOCK_RESTRICT_SELF_";
        } else {
            prefix = this instanceof RuleFlag ? "LANDLOCK_ADD_RULE_" : "LANDLOCK_CREATE_RULESET_";
        }
        return prefix + name();
    }

    /** What it is, in a word or two: "filesystem", "network", "scope", "audit flag", "restrict flag"... */
    default String kind() {
        if (this instanceof FsAccess) {
            return "filesystem";
        }
        if (this instanceof NetAccess) {
            return "network";
        }
        if (this instanceof Scope) {
            return "scope";
        }
        if (this instanceof AuditFlag) {
            return "audit flag";
        }
        if (this instanceof RestrictFlag) {
            return "restrict flag";
        }
        return this instanceof RuleFlag ? "rule flag" : "query flag";
    }

    /** The release of mainline Linux that brought this right. */
    default String kernel() {
        return Abi.kernelFor(abi());
    }

    /** "ABI 8 (Linux 7.0)": the ABI and release that brought it, as reports name a requirement. */
    default String requirement() {
        return Abi.describe(abi());
    }

    /** The rights of one kind whose bits are set in a kernel mask. */
    static <E extends Enum<E> & AccessRight> Set<E> fromMask(Class<E> kind, long mask) {
        EnumSet<E> result = EnumSet.noneOf(kind);
        for (E right : kind.getEnumConstants()) {
            if ((mask & right.bit()) != 0) {
                result.add(right);
            }
        }
        return result;
    }

    /** The right of one kind with this id (lower snake case), or null. */
    static <E extends Enum<E> & AccessRight> E byId(Class<E> kind, String id) {
        for (E right : kind.getEnumConstants()) {
            if (right.id().equals(id)) {
                return right;
            }
        }
        return null;
    }

    /** Combines rights into their kernel mask. */
    static long maskOf(Iterable<? extends AccessRight> rights) {
        long mask = 0;
        for (AccessRight right : rights) {
            mask |= right.bit();
        }
        return mask;
    }
}
