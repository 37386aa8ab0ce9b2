package dev.paddock.core.lesson;

import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;

import java.util.List;
import java.util.Set;

/**
 * One criterion of a lesson: something the run must do, a probe that must be denied or allowed in the same sandbox,
 * or something the profile itself must or must not say. Which fields matter depends on the kind.
 *
 * @param kind          what is checked
 * @param says          the criterion in one sentence, as the learner reads it
 * @param command       the probe's command ({@link Kind#DENIED}, {@link Kind#ALLOWED}); words may use
 *                      {@code ${LESSON_DIR}}, {@code ${TARGET_PID}} and {@code ${ABSTRACT_NAME}}; a denied probe
 *                      prints "paddock-probe: started" right before the access it tests, and passes only on a
 *                      denial printed after that
 * @param prints        text the output must contain ({@link Kind#RUNS}, {@link Kind#ALLOWED}), or empty
 * @param path          the path a profile check is about ({@link Kind#NO_RIGHT}, {@link Kind#NO_RULE_COVERING})
 * @param rights        the rights no rule may grant on {@code path} ({@link Kind#NO_RIGHT})
 * @param value         a scope id, hardening rule id or compatibility word ({@link Kind#SCOPE},
 *                      {@link Kind#HARDENING}, {@link Kind#COMPATIBILITY})
 * @param feature       the feature the profile's ABI must include ({@link Kind#ABI_HAS})
 * @param bindTcp       the most TCP ports the profile may allow binding ({@link Kind#PORTS})
 * @param connectTcp    the most TCP ports the profile may allow connecting to ({@link Kind#PORTS})
 * @param onlyWithout   when not null, the check applies only on a kernel without this feature
 */
public record Check(Kind kind, String says, List<String> command, String prints, String path, Set<FsAccess> rights,
                    String value, Feature feature, List<Integer> bindTcp, List<Integer> connectTcp,
                    Feature onlyWithout) {

    /** What a check is about. */
    public enum Kind {
        /** The profile's own command exits 0 (and prints a text). */
        RUNS("runs"),
        /** A probe in the same sandbox must fail with a denial. */
        DENIED("denied"),
        /** A probe in the same sandbox must succeed: what Landlock does not stop. */
        ALLOWED("allowed"),
        /** No rule of the profile grants any of some rights on a path. */
        NO_RIGHT("no-right"),
        /** No rule is on a path or a folder above it. */
        NO_RULE_COVERING("no-rule-covering"),
        /** An IPC scope is restricted. */
        SCOPE("scope"),
        /** An opt-in seccomp rule is on. */
        HARDENING("hardening"),
        /** The profile's compatibility level. */
        COMPATIBILITY("compatibility"),
        /** The profile is written for an ABI that has a feature. */
        ABI_HAS("abi-has"),
        /** The profile allows no TCP port beyond a list. */
        PORTS("ports");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /**
         * The word lesson files use.
         *
         * @return the word, such as "no-right"
         */
        public String word() {
            return word;
        }

        /**
         * The kind a lesson file names.
         *
         * @param word the word in the file
         * @return the kind, or null when no kind has that word
         */
        public static Kind byWord(String word) {
            for (Kind kind : values()) {
                if (kind.word.equals(word)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * Checks and copies the components.
     *
     * @param kind see the record
     * @param says see the record
     * @param command see the record
     * @param prints see the record
     * @param path see the record
     * @param rights see the record
     * @param value see the record
     * @param feature see the record
     * @param bindTcp see the record
     * @param connectTcp see the record
     * @param onlyWithout see the record
     */
    public Check {
        command = List.copyOf(command);
        rights = Set.copyOf(rights);
        bindTcp = List.copyOf(bindTcp);
        connectTcp = List.copyOf(connectTcp);
        prints = prints == null ? "" : prints;
    }

    /**
     * Whether the check runs something (the command or a probe), rather than reading the profile.
     *
     * @return true for the command and the probes
     */
    public boolean runs() {
        return kind == Kind.RUNS || kind == Kind.DENIED || kind == Kind.ALLOWED;
    }
}
