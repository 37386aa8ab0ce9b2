package dev.paddock.core.trace;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.PlannedPortRule;

import java.util.List;
import java.util.Set;

/**
 * What this run's ruleset makes of one access, as the model of Landlock predicts it.
 *
 * @param kind      allowed, denied, not restricted, or undecided
 * @param missing   for a denial, the rights no rule grants
 * @param missingOn for a denial, the path (or "TCP port N") they are missing on
 * @param allowedBy for an allowed access, the path rules that grant it
 * @param portRule  for an allowed port access, the port rule
 * @param errno     the error the kernel returns for a denial: EACCES (13), or EXDEV (18) for a move or link that
 *                  would give the file more rights where it lands; 0 otherwise
 * @param reason    one sentence: why
 * @param fix       for a denial, the smallest rule that would allow it, or null if no rule can
 */
public record Verdict(Kind kind, Set<AccessRight> missing, String missingOn, List<PlannedPathRule> allowedBy,
                      PlannedPortRule portRule, int errno, String reason, Fix fix) {

    public static final int EACCES = 13;
    public static final int EXDEV = 18;

    public Verdict {
        missing = Set.copyOf(missing);
        allowedBy = List.copyOf(allowedBy);
    }

    /** The kinds of verdict. */
    public enum Kind {
        /** every right it needs is granted by a rule */
        ALLOWED,
        /** a right it needs is granted by no rule: the call fails with EACCES or EXDEV */
        DENIED,
        /** Landlock does not check it here: an area the policy or this kernel leaves open, or nothing to check */
        NOT_RESTRICTED,
        /** Landlock decides by something the trace cannot see (who created an abstract socket) */
        UNDECIDED
    }

    public boolean denied() {
        return kind == Kind.DENIED;
    }

    static Verdict allowed(List<PlannedPathRule> rules, PlannedPortRule port, String reason) {
        return new Verdict(Kind.ALLOWED, Set.of(), null, rules, port, 0, reason, null);
    }

    static Verdict notRestricted(String reason) {
        return new Verdict(Kind.NOT_RESTRICTED, Set.of(), null, List.of(), null, 0, reason, null);
    }

    static Verdict undecided(String reason) {
        return new Verdict(Kind.UNDECIDED, Set.of(), null, List.of(), null, 0, reason, null);
    }

    static Verdict denied(Set<? extends AccessRight> missing, String on, int errno, String reason, Fix fix) {
        return new Verdict(Kind.DENIED, Set.copyOf(missing), on, List.of(), null, errno, reason, fix);
    }
}
