package dev.paddock.core.landlock;


import java.util.Set;

/**
 * One landlock_add_rule(PATH_BENEATH) call: the path as resolved, whether it is a directory, and the rights after
 * trimming to the kernel's ABI and, for files, to the rights valid on files.
 *
 * @param path      the absolute path that will be opened with O_PATH (symbolic links are followed then)
 * @param directory whether the path is a directory
 * @param allowed   the rights mask to pass to the kernel
 * @param origin    where the rule came from: the policy, or what Paddock added (add-exec, ldd, terminal)
 * @param target    where the path leads once symbolic links (/proc/self/root among them) are followed: what the
 *                  rule really covers
 * @param quiet     whether denials beneath the path are kept out of the audit log (LANDLOCK_ADD_RULE_QUIET)
 */
public record PlannedPathRule(String path, boolean directory, long allowed, Origin origin, String target,
                              boolean quiet) {

    /** A rule whose denials are logged as usual. */
    public PlannedPathRule(String path, boolean directory, long allowed, Origin origin, String target) {
        this(path, directory, allowed, origin, target, false);
    }

    /** A rule whose path leads to itself. */
    public PlannedPathRule(String path, boolean directory, long allowed, Origin origin) {
        this(path, directory, allowed, origin, path);
    }

    /** The flags for landlock_add_rule. */
    public long flags() {
        return quiet ? RuleFlag.QUIET.bit() : 0;
    }

    /** The path as written, and where it leads when that differs, as "/tmp/x/link -> /". */
    public String shown() {
        return path.equals(target) ? path : path + " -> " + target;
    }

    /** Where a rule came from. */
    public enum Origin {
        POLICY("policy"), ADD_EXEC("add-exec"), LDD("ldd"), TERMINAL("terminal");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Set<FsAccess> rights() {
        return FsAccess.fromMask(allowed);
    }
}
