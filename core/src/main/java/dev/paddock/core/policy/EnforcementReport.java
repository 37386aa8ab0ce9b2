package dev.paddock.core.policy;

import java.util.List;

/**
 * What the kernel will really enforce for a policy, told honestly.
 *
 * @param status     fully, partially or not enforced
 * @param abi        the ABI the plan was made for (0: no Landlock)
 * @param unenforced one sentence for each restriction the policy asks for that this kernel cannot make
 * @param notes      other things worth knowing (rules skipped, flags dropped, behaviour that differs on old ABIs)
 * @param warnings   rules that grant far more than they seem to: those that lead to /, /proc, /sys or /dev (or a
 *                   folder above them), however they are written
 * @param blindSpots what Landlock cannot restrict for this policy, whatever the ABI, each with its consequence
 * @param seccomp    the seccomp rules in force beside the Landlock ruleset, each with what it closes
 */
public record EnforcementReport(Status status, int abi, List<String> unenforced, List<String> notes,
                                List<String> warnings, List<String> blindSpots, List<String> seccomp) {

    /** The heading under which every report lists its blind spots. */
    public static final String BLIND_SPOTS_HEADING = "What Landlock cannot restrict";

    /** The three outcomes, as rust-landlock names them. */
    public enum Status {
        FULLY_ENFORCED("fully enforced"),
        PARTIALLY_ENFORCED("partially enforced"),
        NOT_ENFORCED("not enforced");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public EnforcementReport {
        unenforced = List.copyOf(unenforced);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
        blindSpots = List.copyOf(blindSpots);
        seccomp = List.copyOf(seccomp);
    }

    public EnforcementReport(Status status, int abi, List<String> unenforced, List<String> notes) {
        this(status, abi, unenforced, notes, List.of(), List.of(), List.of());
    }

    /** A one-line summary such as "partially enforced on ABI 7: 1 restriction is missing". */
    public String summary() {
        String base = status.words() + (abi > 0 ? " on Landlock ABI " + abi : "");
        if (unenforced.isEmpty()) {
            return base;
        }
        return base + ": " + String.join("; ", unenforced);
    }
}
