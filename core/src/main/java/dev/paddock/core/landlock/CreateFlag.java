package dev.paddock.core.landlock;

/**
 * The flags of landlock_create_ruleset, which ask the kernel a question instead of making a ruleset (attr NULL,
 * size 0). Checked against include/uapi/linux/landlock.h: VERSION is 1U &lt;&lt; 0, ERRATA 1U &lt;&lt; 1 (Linux
 * 6.15, with ABI 7; the errata were also backported to stable kernels, so Paddock asks every kernel and reads the
 * answer where there is one, EINVAL meaning "no answer").
 */
public enum CreateFlag implements AccessRight {
    VERSION(0, 1, "Return the newest Landlock ABI the kernel supports.", "asking the kernel's ABI"),
    ERRATA(1, 7, "Return a bitmask of the Landlock errata fixed in this kernel (bit N-1 for erratum N).",
            "asking which errata the kernel fixed");

    private final RightFacts facts;

    CreateFlag(int bitIndex, int abi, String explanation, String activity) {
        this.facts = new RightFacts(bitIndex, abi, explanation, activity);
    }

    @Override
    public RightFacts facts() {
        return facts;
    }
}
