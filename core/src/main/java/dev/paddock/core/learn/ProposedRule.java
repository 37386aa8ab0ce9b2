package dev.paddock.core.learn;

import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;

import java.util.List;

/**
 * A rule one round of learning proposes: a path rule in one of landrun's modes or a listing ({@code --list}), or a port rule; with why (each access
 * that needed it) and, when it grants far more than it seems to, a warning.
 *
 * @param path      the path, absolute; null for a port rule
 * @param directory whether the path is a directory (a folder rule)
 * @param mode      the path rule's mode (ro for a listing); null for a port rule
 * @param access    what the path rule grants: {@code mode}, or read_dir alone for a listing ({@code --list}); null
 *                  for a port rule
 * @param right     the port right; null for a path rule
 * @param portNumber the port; -1 for a path rule
 * @param reasons   why: "round 2: cat tried to read /srv/a"
 * @param warning   why the rule grants far more than it seems to, or null
 * @param lintError whether the warning is an error of the lint ({@code paddock lint} would fail): such a rule is not
 *                  taken without the user's say
 */
public record ProposedRule(String path, boolean directory, AccessMode mode, PathAccess access, NetAccess right,
                           int portNumber, List<String> reasons, String warning, boolean lintError) {
    public ProposedRule {
        reasons = List.copyOf(reasons);
        if (access == null) {
            access = mode;
        }
    }

    /**
     * A path rule.
     *
     * @param path      absolute
     * @param directory whether it is a folder rule
     * @param mode      its mode
     * @param reasons   why
     * @param warning   why it grants far more than it seems to, or null
     * @return the rule
     */
    public static ProposedRule onPath(String path, boolean directory, AccessMode mode, List<String> reasons,
                                      String warning) {
        return onPath(path, directory, mode, reasons, warning, false);
    }

    /**
     * A path rule that may be an error of the lint.
     *
     * @param path      absolute
     * @param directory whether it is a folder rule
     * @param mode      its mode
     * @param reasons   why
     * @param warning   why it grants far more than it seems to, or null
     * @param lintError whether the warning is a lint error
     * @return the rule
     */
    public static ProposedRule onPath(String path, boolean directory, AccessMode mode, List<String> reasons,
                                      String warning, boolean lintError) {
        return new ProposedRule(path, directory, mode, mode, null, -1, reasons, warning, lintError);
    }

    /**
     * A path rule that may grant less than its mode: a listing, read_dir alone.
     *
     * @param path      absolute
     * @param directory whether it is a folder rule
     * @param mode      its mode (ro for a listing)
     * @param access    what it grants
     * @param reasons   why
     * @param warning   why it grants far more than it seems to, or null
     * @param lintError whether the warning is a lint error
     * @return the rule
     */
    public static ProposedRule onPath(String path, boolean directory, AccessMode mode, PathAccess access,
                                      List<String> reasons, String warning, boolean lintError) {
        return new ProposedRule(path, directory, mode, access, null, -1, reasons, warning, lintError);
    }

    /**
     * A port rule.
     *
     * @param right   bind or connect
     * @param port    the port
     * @param reasons why
     * @return the rule
     */
    public static ProposedRule onPort(NetAccess right, int port, List<String> reasons) {
        return new ProposedRule(null, false, null, null, right, port, reasons, null, false);
    }

    /**
     * Whether this is a port rule.
     *
     * @return true for a port rule, false for a path rule
     */
    public boolean port() {
        return right != null;
    }

    /**
     * Whether this path rule only lets the program list the folder (read_dir), not read the files beneath it.
     *
     * @return true for a listing ({@code --list})
     */
    public boolean listingOnly() {
        return LearnedRules.isListing(access);
    }

    /**
     * The {@code paddock run} flag that adds it.
     *
     * @return "--ro /etc/hostname", "--list /etc", "--bind-tcp 8000"
     */
    public String flag() {
        if (port()) {
            return (right == NetAccess.BIND_TCP ? "--bind-tcp " : "--connect-tcp ") + portNumber;
        }
        return "--" + LearnedRules.label(mode, access) + " " + path;
    }
}
