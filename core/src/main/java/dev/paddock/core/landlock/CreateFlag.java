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

    private final int bitIndex;
    private final int abi;
    private final String explanation;
    private final String activity;

    CreateFlag(int bitIndex, int abi, String explanation, String activity) {
        this.bitIndex = bitIndex;
        this.abi = abi;
        this.explanation = explanation;
        this.activity = activity;
    }

    @Override
    public long bit() {
        return 1L << bitIndex;
    }

    @Override
    public int abi() {
        return abi;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public String activity() {
        return activity;
    }

    @Override
    public String kernelName() {
        return "LANDLOCK_CREATE_RULESET_" + name();
    }
}
