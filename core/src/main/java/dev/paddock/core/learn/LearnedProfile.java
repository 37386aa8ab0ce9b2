package dev.paddock.core.learn;

import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What paddock learn learned: the policy, each rule and port with why, each round, and how it ended.
 *
 * @param policy    the learned policy with absolute paths, as the last round ran
 * @param rules     its path rules with their reasons
 * @param ports     its port rules with their reasons
 * @param rounds    each run
 * @param succeeded whether the last run succeeded
 * @param stop      why learning stopped, in words
 * @param unlearned denials no lasting rule can allow narrowly, and those the program succeeded without
 * @param warnings  what the learned policy's enforcement report warns of, and each dangerous rule
 * @param lintErrors the open errors of the lint on the learned policy, one line each ("path /home/u/.bashrc: ..."):
 *                   {@code paddock learn} writes no profile with one unless told to accept them
 */
public record LearnedProfile(Policy policy, List<Rule> rules, List<Port> ports, List<Round> rounds,
                             boolean succeeded, String stop, List<String> unlearned, List<String> warnings,
                             List<String> lintErrors) {
    public LearnedProfile {
        rules = List.copyOf(rules);
        ports = List.copyOf(ports);
        rounds = List.copyOf(rounds);
        unlearned = List.copyOf(unlearned);
        warnings = List.copyOf(warnings);
        lintErrors = List.copyOf(lintErrors);
    }

    /**
     * The learned profile, with {@code ${HOME}} and {@code ${PWD}} in place of the home folder and the run's
     * working directory (either may be null: not replaced), and the reasons in its notes.
     */
    public Profile profile(String name, String home, String workingDirectory) {
        List<PathRule> paths = new ArrayList<>();
        for (PathRule rule : policy.paths()) {
            paths.add(new PathRule(withVariables(rule.path(), home, workingDirectory), rule.access()));
        }
        StringBuilder notes = new StringBuilder("Learned by paddock learn in " + rounds.size() + " round"
                + (rounds.size() == 1 ? "" : "s") + " (" + stop + ").");
        for (Rule rule : rules) {
            notes.append("\n").append(rule.label()).append(' ')
                    .append(withVariables(rule.path(), home, workingDirectory)).append(": ")
                    .append(inText(firstFew(rule.reasons()), home, workingDirectory));
            if (rule.warning() != null) {
                notes.append(" WARNING: ").append(inText(rule.warning(), home, workingDirectory));
            }
        }
        for (Port port : ports) {
            notes.append("\n").append(port.right() == NetAccess.BIND_TCP ? "bind-tcp " : "connect-tcp ")
                    .append(port.port()).append(": ").append(firstFew(port.reasons()));
        }
        Policy written = policy.toBuilder().clearPaths().paths(paths).build();
        return new Profile(name, "Learned for: " + String.join(" ", policy.command()), notes.toString(),
                written);
    }

    /** The first three reasons, and how many more: a folder rule can stand for hundreds of files read. */
    static String firstFew(List<String> reasons) {
        int shown = Math.min(3, reasons.size());
        return String.join("; ", reasons.subList(0, shown))
                + (reasons.size() > shown ? "; and " + (reasons.size() - shown) + " more" : "");
    }

    /**
     * One path rule of the learned profile.
     *
     * @param path      absolute
     * @param directory whether it is a directory
     * @param mode      landrun's mode (ro for a listing)
     * @param access    what the rule grants: {@code mode}, or read_dir alone for a listing ({@code --list})
     * @param reasons   why: "round 2: python3 tried to read /usr/lib/python3.11/json/__init__.py", "starting profile"
     * @param warning   why this rule grants far more than it seems to, or null
     */
    public record Rule(String path, boolean directory, AccessMode mode, PathAccess access, List<String> reasons,
                       String warning) {
        public Rule {
            reasons = List.copyOf(reasons);
            if (access == null) {
                access = mode;
            }
        }

        /**
         * The name of the rule's flag without its dashes.
         *
         * @return "ro", "rwx", or "list" for a listing
         */
        public String label() {
            return LearnedRules.label(mode, access);
        }
    }

    /** One port rule of the learned profile, with why. */
    public record Port(NetAccess right, int port, List<String> reasons) {
        public Port {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * One run.
     *
     * @param number   from 1
     * @param exitCode the program's exit code (128 + signal), or -1 when it was stopped at the timeout
     * @param timedOut whether it was stopped at the round timeout
     * @param denials  the distinct denials
     * @param added    the flags the round added ("--ro /etc/gitconfig")
     */
    public record Round(int number, int exitCode, boolean timedOut, int denials, List<String> added) {
        public Round {
            added = List.copyOf(added);
        }
    }


    /** A text (a reason) with ${HOME} and ${PWD} for the paths beneath them, the longer base first. */
    static String inText(String text, String home, String workingDirectory) {
        List<String[]> bases = new ArrayList<>();
        for (String[] candidate : new String[][] {{home, "${HOME}"}, {workingDirectory, "${PWD}"}}) {
            if (candidate[0] != null && !candidate[0].isEmpty() && !candidate[0].equals("/")) {
                bases.add(candidate);
            }
        }
        bases.sort(Comparator.comparingInt((String[] b) -> b[0].length()).reversed());
        for (String[] base : bases) {
            text = text.replaceAll(Pattern.quote(base[0]) + "(?=/|$|[\\s;:,)])",
                    java.util.regex.Matcher.quoteReplacement(base[1]));
        }
        return text;
    }

    /** A path with ${HOME} and ${PWD} for the longest of the two that holds it. */
    public static String withVariables(String path, String home, String workingDirectory) {
        String best = null;
        String variable = null;
        for (String[] candidate : new String[][] {{home, "${HOME}"}, {workingDirectory, "${PWD}"}}) {
            String base = candidate[0];
            if (base == null || base.isEmpty() || base.equals("/")) {
                continue;
            }
            if ((path.equals(base) || path.startsWith(base + "/")) && (best == null || base.length() > best.length())) {
                best = base;
                variable = candidate[1];
            }
        }
        return best == null ? path : variable + path.substring(best.length());
    }
}
