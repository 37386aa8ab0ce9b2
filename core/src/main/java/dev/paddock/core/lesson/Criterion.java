package dev.paddock.core.lesson;

/**
 * The verdict on one check of a lesson.
 *
 * @param check   the check
 * @param outcome passed, failed, or not applicable on this kernel
 * @param why     one sentence saying what was seen, so the learner knows what to fix
 */
public record Criterion(Check check, Outcome outcome, String why) {

    /** How a check went. */
    public enum Outcome {
        /** The profile meets it. */
        PASSED,
        /** The profile does not meet it. */
        FAILED,
        /** It does not apply on this kernel. */
        NOT_APPLICABLE
    }

    /**
     * Whether it did not fail.
     *
     * @return true when it passed or does not apply here
     */
    public boolean passed() {
        return outcome != Outcome.FAILED;
    }
}
