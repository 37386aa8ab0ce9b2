package dev.paddock.core.learn;

import java.util.List;

/**
 * What one round of learning ran and proposes: how the program ended, what it printed last (when asked for), and
 * the new rules, both as tight rules (one per file) and as folder rules (collapsed as a person would write them).
 * The caller accepts any subset of one of the two lists ({@link ProfileLearner#accept}).
 *
 * @param round      the round's number: 0 for the unconfined run, then from 1
 * @param unconfined whether the program ran with nothing restricted
 * @param exitCode   the program's exit code (128 + signal), or -1 when it was stopped at the round timeout
 * @param timedOut   whether it was stopped at the round timeout
 * @param denials    the distinct denials (for the unconfined run, the distinct accesses)
 * @param output     the end of what the program printed, or "" when its output was not kept
 * @param tight      the proposed rules, one per file or folder that was needed
 * @param folders    the proposed rules with files collapsed into their folders
 * @param unlearned  this round's denials that no lasting rule should allow, each with why
 */
public record Proposal(int round, boolean unconfined, int exitCode, boolean timedOut, int denials, String output,
                       List<ProposedRule> tight, List<ProposedRule> folders, List<String> unlearned) {
    public Proposal {
        tight = List.copyOf(tight);
        folders = List.copyOf(folders);
        unlearned = List.copyOf(unlearned);
    }

    /**
     * The proposed rules in one form.
     *
     * @param asFolders folder rules, else tight rules
     * @return {@link #folders()} or {@link #tight()}
     */
    public List<ProposedRule> rules(boolean asFolders) {
        return asFolders ? folders : tight;
    }

    /**
     * Whether the program ran as a success.
     *
     * @return true on exit 0, or when it lasted until the round timeout
     */
    public boolean ran() {
        return exitCode == 0 || timedOut;
    }

    /**
     * How the program ended, in words.
     *
     * @return "exit 0", "exit 1", "stopped at the timeout"
     */
    public String outcome() {
        return timedOut ? "stopped at the timeout" : "exit " + exitCode;
    }
}
