package dev.paddock.core.seccomp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The seccomp rules one launch gets, decided with its Landlock ruleset: the always-on ones, Fast Open where TCP
 * connect is restricted, and the opt-in hardening the policy asks for.
 */
public record SeccompPlan(Set<SeccompRule> rules) {

    public SeccompPlan {
        rules = Collections.unmodifiableSet(rules.isEmpty() ? EnumSet.noneOf(SeccompRule.class) : EnumSet.copyOf(rules));
    }

    /**
     * The rules for a launch.
     *
     * @param connectRestricted whether the Landlock ruleset handles TCP connect, so Fast Open and MPTCP would
     *                          bypass it
     * @param hardening         the opt-in rules the policy asks for
     */
    public static SeccompPlan of(boolean connectRestricted, Set<SeccompRule> hardening) {
        EnumSet<SeccompRule> rules = EnumSet.of(SeccompRule.TERMINAL_INJECTION, SeccompRule.SESSION_ESCAPE);
        if (connectRestricted) {
            rules.add(SeccompRule.FAST_OPEN);
            rules.add(SeccompRule.MPTCP);
        }
        for (SeccompRule rule : hardening) {
            if (!rule.optIn()) {
                throw new IllegalArgumentException(rule.id() + " is always on and is not a hardening option");
            }
            rules.add(rule);
        }
        return new SeccompPlan(rules);
    }

    public boolean has(SeccompRule rule) {
        return rules.contains(rule);
    }

    /** One line per rule, for reports: what it refuses and why. */
    public List<String> describe() {
        return rules.stream().map(SeccompRule::describe).toList();
    }
}
