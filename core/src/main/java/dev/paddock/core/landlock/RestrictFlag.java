package dev.paddock.core.landlock;

/**
 * The flags of landlock_restrict_self that are not about audit: how the domain is applied. Checked against
 * include/uapi/linux/landlock.h and security/landlock/syscalls.c: TSYNC is 1U &lt;&lt; 3 (ABI 8, Linux 7.0),
 * NO_NEW_PRIVS 1U &lt;&lt; 4 (ABI 11, Linux 7.3; the syscalls.c that accepts it reports landlock_abi_version 11).
 *
 * <p>Paddock sets neither, and {@link #paddock()} says why.
 */
public enum RestrictFlag implements AccessRight {
    TSYNC(3, 8, "Apply the new domain, and its log flags, to every thread of the process at once instead of only "
            + "the calling thread.", "confining every thread of a process at once",
            "Paddock never sets it: a launch confines only a fresh thread that spawns the child and ends (paddock run "
                    + "confines the thread that then calls execve, which ends every other thread), and the child "
                    + "inherits that thread's domain, so no other thread needs it; set on the JVM, it would confine "
                    + "the whole JVM."),
    NO_NEW_PRIVS(4, 11, "Set no_new_privs on the calling thread only once the ruleset is enforced, so that a failed "
            + "call leaves it unchanged and no prctl is needed first.",
            "setting no_new_privs only once the sandbox is in place",
            "Paddock does not need it: it sets no_new_privs with prctl on a thread that either ends (a launch) or "
                    + "refuses to run anything (paddock run) when the sandbox cannot be built, and the seccomp "
                    + "filter needs no_new_privs anyway.");

    private final String paddock;

    private final RightFacts facts;

    RestrictFlag(int bitIndex, int abi, String explanation, String activity, String paddock) {
        this.facts = new RightFacts(bitIndex, abi, explanation, activity);
        this.paddock = paddock;
    }

    /** Why Paddock does not set the flag. */
    public String paddock() {
        return paddock;
    }

    @Override
    public RightFacts facts() {
        return facts;
    }
}
