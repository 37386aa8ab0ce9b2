package dev.paddock.core.learn;

import dev.paddock.core.lint.Concern;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.Lint;
import dev.paddock.core.lint.LintContext;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.ProfileException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a learned rule grants far more than it seems to: the lint's first error about the rule alone (write access to
 * a shell start-up file, to ~/.ssh, to the autostart folders...), else one of the learner's own cases (the whole
 * filesystem, all of /proc, /sys or /dev, the home folder). Answers are kept: a learning asks about a rule each round.
 */
final class RuleJudge {
    /**
     * Why a rule is dangerous.
     *
     * @param text      the finding in one line
     * @param lintError whether the lint counts it as an error (then the rule is not accepted without asking)
     */
    record Danger(String text, boolean lintError) {
    }

    private final LintContext context;
    private final Lint lint;
    private final String home;
    private final Map<String, Danger> known = new HashMap<>();

    RuleJudge(LintContext context) {
        this.context = context;
        this.lint = Lint.of(context);
        String h = context.environment().get("HOME");
        this.home = h == null || h.isEmpty() ? null : h;
    }

    /** The home folder the rules are judged against, or null. */
    String home() {
        return home;
    }

    /** The context the lint judges in. */
    LintContext context() {
        return context;
    }

    /** Why this rule grants far more than it seems to, or null. */
    Danger of(String path, PathAccess access) {
        String key = access.label() + " " + path;
        if (!known.containsKey(key)) {
            known.put(key, judge(path, access));
        }
        return known.get(key);
    }

    private Danger judge(String path, PathAccess access) {
        Policy alone = Policy.builder().path(path, access).ignoreMissing(true).build();
        for (Finding finding : errors(alone)) {
            if (finding.concern().kind() == Concern.Kind.PATH) {
                return new Danger(describe(finding), true);
            }
        }
        String own = LearnedRules.isListing(access) ? ownListing(path) : own(path, (AccessMode) access);
        return own == null ? null : new Danger(own, false);
    }

    /** The open lint errors of a policy (its paths absolute); one that cannot be judged is one error. */
    List<Finding> errors(Policy policy) {
        try {
            return lint.check(policy).stream().filter(Finding::fails).toList();
        } catch (ProfileException e) {
            throw new IllegalArgumentException("the learned rules cannot be judged: " + e.getMessage(), e);
        }
    }

    /** "it could ... (lint home-shell-startup)". */
    static String describe(Finding finding) {
        String attack = finding.attack().endsWith(".")
                ? finding.attack().substring(0, finding.attack().length() - 1) : finding.attack();
        return attack + " (lint " + finding.rule().id() + ")";
    }

    /** A listing shows names, never contents: only the widest ones are worth a word. */
    private String ownListing(String path) {
        if (path.equals("/")) {
            return "it lets the program list every folder of the whole filesystem (names, not contents)";
        }
        if (home != null && home.equals(path)) {
            return "it lets the program list every folder of your home folder (names, not contents)";
        }
        return null;
    }

    private String own(String path, AccessMode mode) {
        if (path.equals("/")) {
            return "it covers the whole filesystem";
        }
        for (String area : List.of("/proc", "/sys", "/dev")) {
            if (path.equals(area)) {
                return "it covers all of " + area;
            }
        }
        if (home != null && (mode == AccessMode.RW || mode == AccessMode.RWX)
                && (home.equals(path) || home.startsWith(path + "/"))) {
            return "it lets the program change everything in your home folder";
        }
        if (home != null && home.equals(path)) {
            return "it lets the program read everything in your home folder";
        }
        return null;
    }
}
