package dev.paddock.core.landlock;

/** The audit flags of landlock_restrict_self (ABI 7): which denials the kernel logs to the audit subsystem. */
public enum AuditFlag implements AccessRight {
    LOG_SAME_EXEC_OFF(0, "log-disable-originating",
            "Do not log denials of the program that set up the sandbox (before it executes another one).",
            "silencing denials of the originating program"),
    LOG_NEW_EXEC_ON(1, "log-enable-subprocesses",
            "Log denials of the programs the sandbox executes, which the kernel does not log by default.",
            "logging denials of executed programs"),
    LOG_SUBDOMAINS_OFF(2, "log-disable-subdomains",
            "Do not log denials of sandboxes nested inside this one.",
            "silencing denials of nested sandboxes");

    private final String landrunFlag;

    private final RightFacts facts;

    AuditFlag(int bitIndex, String landrunFlag, String explanation, String activity) {
        this.facts = new RightFacts(bitIndex, Feature.AUDIT_FLAGS.abi(), explanation, activity);
        this.landrunFlag = landrunFlag;
    }

    /** The landrun option that sets this flag, without the leading dashes. */
    public String landrunFlag() {
        return landrunFlag;
    }

    @Override
    public RightFacts facts() {
        return facts;
    }
}
