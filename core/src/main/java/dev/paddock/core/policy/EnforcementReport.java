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
 */
public record EnforcementReport(Status status, int abi, List<String> unenforced, List<String> notes,
                                List<String> warnings) {

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
