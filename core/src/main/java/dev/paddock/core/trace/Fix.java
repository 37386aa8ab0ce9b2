package dev.paddock.core.trace;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.policy.AccessMode;

import java.util.Set;

/**
 * The smallest rule that would allow a denied access: a path rule in the narrowest of landrun's modes, on the file
 * itself where that is enough, else on the directory; or a port rule.
 *
 * @param path      the path the rule is for, or null for a port rule
 * @param directory whether that path is a directory
 * @param mode      the mode of the path rule, or null for a port rule
 * @param netRight  the port right, or null for a path rule
 * @param port      the port, or -1
 */
public record Fix(String path, boolean directory, AccessMode mode, NetAccess netRight, int port) {

    /** A rule on a file, in the narrowest mode whose file rights hold {@code rights}; null if none does. */
    public static Fix onFile(String path, Set<FsAccess> rights) {
        for (AccessMode mode : AccessMode.values()) {
            if (mode.rightsFor(false).containsAll(rights)) {
                return new Fix(path, false, mode, null, -1);
            }
        }
        return null;
    }

    /** A rule on a directory, in the narrowest mode whose directory rights hold {@code rights}; null if none does. */
    public static Fix onDirectory(String path, Set<FsAccess> rights) {
        AccessMode mode = AccessMode.narrowestCovering(rights);
        return mode == null ? null : new Fix(path, true, mode, null, -1);
    }

    public static Fix onPort(NetAccess right, int port) {
        return new Fix(null, false, null, right, port);
    }

    /** The `paddock run` flag that adds the rule: "--ro /etc/passwd", "--connect-tcp 443". */
    public String flag() {
        if (netRight != null) {
            return (netRight == NetAccess.BIND_TCP ? "--bind-tcp " : "--connect-tcp ") + port;
        }
        return "--" + mode.label() + " " + path;
    }

    /** "ro on the file /etc/passwd", "rw on the directory /tmp/out", "connect to TCP port 443". */
    public String describe() {
        if (netRight != null) {
            return (netRight == NetAccess.BIND_TCP ? "binding" : "connecting to") + " TCP port " + port;
        }
        return mode.label() + " on the " + (directory ? "directory " : "file ") + path;
    }
}
