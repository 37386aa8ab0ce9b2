package dev.paddock.core.trace;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.RightSet;

import java.util.Set;

/**
 * The smallest rule that would allow a denied access: a path rule in the narrowest of landrun's modes, on the file
 * itself where that is enough, else on the directory; or a port rule. A listing of a directory is allowed by the
 * read_dir right alone ({@link #access()}): ro there would also let the program read every file beneath it.
 *
 * @param path      the path the rule is for, or null for a port rule
 * @param directory whether that path is a directory
 * @param mode      the mode of the path rule, or null for a port rule
 * @param netRight  the port right, or null for a path rule
 * @param port      the port, or -1
 * @param access    what the rule grants: {@code mode}, or fewer rights than it where a mode would grant too much
 * @param caveat    what the rule grants beyond the access, when no narrower rule would allow it; null otherwise
 */
public record Fix(String path, boolean directory, AccessMode mode, NetAccess netRight, int port, PathAccess access,
                  String caveat) {

    /** The rights of a listing rule: only read_dir. */
    private static final RightSet LISTING = RightSet.of(FsAccess.READ_DIR);

    /** What a rule on all of /proc grants beyond one process's entries, and why no narrower rule works. */
    public static final String WHOLE_PROC = "it exposes the /proc entries of every process the sandbox can see; no "
            + "narrower rule works: a rule on /proc/PID or /proc/self names the process that made the ruleset, not "
            + "the sandbox's, whose pids change every run";

    /**
     * A fix whose rule grants {@code access}, with nothing beyond it to warn about.
     *
     * @param path      the path the rule is for, or null for a port rule
     * @param directory whether that path is a directory
     * @param mode      the mode of the path rule, or null for a port rule
     * @param netRight  the port right, or null for a path rule
     * @param port      the port, or -1
     * @param access    what the rule grants
     */
    public Fix(String path, boolean directory, AccessMode mode, NetAccess netRight, int port, PathAccess access) {
        this(path, directory, mode, netRight, port, access, null);
    }

    /**
     * A fix whose rule grants exactly its mode (or a port fix).
     *
     * @param path      the path the rule is for, or null for a port rule
     * @param directory whether that path is a directory
     * @param mode      the mode of the path rule, or null for a port rule
     * @param netRight  the port right, or null for a path rule
     * @param port      the port, or -1
     */
    public Fix(String path, boolean directory, AccessMode mode, NetAccess netRight, int port) {
        this(path, directory, mode, netRight, port, mode);
    }

    /** A rule on a file, in the narrowest mode whose file rights hold {@code rights}; null if none does. */
    public static Fix onFile(String path, Set<FsAccess> rights) {
        for (AccessMode mode : AccessMode.values()) {
            if (mode.rightsFor(false).containsAll(rights)) {
                return new Fix(path, false, mode, null, -1);
            }
        }
        return null;
    }

    /**
     * A rule on a directory, in the narrowest mode whose directory rights hold {@code rights}; null if none does. A
     * listing (read_dir alone) gets a rule of read_dir alone, with ro as its mode for those who need a mode.
     */
    public static Fix onDirectory(String path, Set<FsAccess> rights) {
        AccessMode mode = AccessMode.narrowestCovering(rights);
        if (mode == null) {
            return null;
        }
        return new Fix(path, true, mode, null, -1, LISTING.rights().equals(rights) ? LISTING : mode);
    }

    /**
     * The rule for an entry of one process in /proc ({@code /proc/PID/...}, which /proc/self leads to): a rule on
     * /proc itself, the only one that allows it from one run to the next (a rule is tied to the entry opened when
     * the ruleset is made: the launcher's, and the sandbox's pids change every run), with {@link #WHOLE_PROC} as its
     * caveat; null if no mode holds {@code rights}.
     *
     * @param rights the rights the access needs
     * @return the fix, or null
     */
    public static Fix onProcessEntry(Set<FsAccess> rights) {
        Fix fix = onDirectory("/proc", rights);
        return fix == null ? null : fix.withCaveat(WHOLE_PROC);
    }

    /**
     * Whether {@code path} is an entry of one process in /proc: /proc/PID, /proc/self, /proc/thread-self or a path
     * beneath them.
     *
     * @param path an absolute path
     * @return true for one process's entry
     */
    public static boolean isProcessEntry(String path) {
        if (path == null || !path.startsWith("/proc/")) {
            return false;
        }
        int end = path.indexOf('/', "/proc/".length());
        String name = path.substring("/proc/".length(), end < 0 ? path.length() : end);
        return name.equals("self") || name.equals("thread-self") || (!name.isEmpty() && name.chars().allMatch(Character::isDigit));
    }

    /**
     * This fix with a caveat.
     *
     * @param text what the rule grants beyond the access
     * @return the same rule, with {@code text} as its caveat
     */
    public Fix withCaveat(String text) {
        return new Fix(path, directory, mode, netRight, port, access, text);
    }

    /**
     * Whether the rule only lets the program list the directory (read_dir), not read the files beneath it.
     *
     * @return true for a listing's fix
     */
    public boolean listingOnly() {
        return LISTING.equals(access);
    }

    public static Fix onPort(NetAccess right, int port) {
        return new Fix(null, false, null, right, port);
    }

    /** The `paddock run` flag that adds the rule: "--ro /etc/passwd", "--list /", "--connect-tcp 443". */
    public String flag() {
        if (netRight != null) {
            return (netRight == NetAccess.BIND_TCP ? "--bind-tcp " : "--connect-tcp ") + port;
        }
        return (listingOnly() ? "--list" : "--" + mode.label()) + " " + path;
    }

    /**
     * "ro on the file /etc/passwd", "read_dir on the directory /", "connecting to TCP port 443"; with its caveat in
     * brackets where it has one.
     *
     * @return the rule in words
     */
    public String describe() {
        if (netRight != null) {
            return (netRight == NetAccess.BIND_TCP ? "binding" : "connecting to") + " TCP port " + port;
        }
        return access.label() + " on the " + (directory ? "directory " : "file ") + path
                + (caveat == null ? "" : " (" + caveat + ")");
    }
}
