package dev.paddock.core.lint;

/**
 * One dangerous grant the lint found.
 *
 * @param rule     the lint rule that fired: its stable id and its severity
 * @param concern  what in the profile the finding is about
 * @param attack   one sentence on what a program inside the sandbox could do with it
 * @param fix      one sentence on how to close it, with the concrete change where there is one
 * @param accepted the reason the profile gives for accepting the finding on purpose, or null when it does not
 */
public record Finding(LintRule rule, Concern concern, String attack, String fix, String accepted) {

    public Finding {
        if (rule == null || concern == null || attack == null || attack.isBlank() || fix == null || fix.isBlank()) {
            throw new IllegalArgumentException("a lint finding needs its rule, its concern, its attack and its fix");
        }
    }

    /** A finding the profile does not accept. */
    public Finding(LintRule rule, Concern concern, String attack, String fix) {
        this(rule, concern, attack, fix, null);
    }

    public Severity severity() {
        return rule.severity();
    }

    /** Whether the profile accepts this finding on purpose. */
    public boolean isAccepted() {
        return accepted != null;
    }

    /** The same finding, accepted for this reason. */
    public Finding acceptedFor(String reason) {
        return new Finding(rule, concern, attack, fix, reason);
    }

    /** Whether this finding fails a lint: an error the profile does not accept. */
    public boolean fails() {
        return rule.severity() == Severity.ERROR && !isAccepted();
    }
}
