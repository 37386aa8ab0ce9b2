package dev.paddock.core.landlock;

/**
 * The flags of landlock_add_rule. Checked against include/uapi/linux/landlock.h (LANDLOCK_ADD_RULE_QUIET is
 * 1U &lt;&lt; 0, ABI 10, Linux 7.2) and security/landlock/syscalls.c: the flag is refused (EINVAL) unless the
 * ruleset's quiet mask for that rule type is not empty, and with it a rule may allow nothing.
 */
public enum RuleFlag implements AccessRight {
    QUIET(0, 10, "Do not log denials beneath this path or on this port, for the rights the ruleset marks quiet.",
            "keeping a rule's denials out of the audit log");

    private final RightFacts facts;

    RuleFlag(int bitIndex, int abi, String explanation, String activity) {
        this.facts = new RightFacts(bitIndex, abi, explanation, activity);
    }

    @Override
    public RightFacts facts() {
        return facts;
    }
}
