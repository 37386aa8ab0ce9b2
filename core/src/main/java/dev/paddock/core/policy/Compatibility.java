package dev.paddock.core.policy;

/** How to treat restrictions the kernel cannot make (as in rust-landlock's CompatLevel). */
public enum Compatibility {
    /** Apply what the kernel supports and report the rest. */
    BEST_EFFORT,
    /** Refuse to run unless every restriction is enforced. */
    STRICT
}
