package dev.paddock.core.policy;

/**
 * Grants {@code access} to {@code path} and everything beneath it. The path is kept as written: relative paths are
 * resolved against the current directory when the policy is compiled, and symbolic links are followed then.
 *
 * @param quiet    whether denials beneath the path are kept out of the audit log (LANDLOCK_ADD_RULE_QUIET, ABI 10)
 * @param optional whether the rule is skipped, with a note, when its path does not exist (go-landlock's
 *                 IgnoreIfMissing), instead of refusing to run; the policy's ignoreMissing does this for every rule
 */
public record PathRule(String path, PathAccess access, boolean quiet, boolean optional) {

    public PathRule {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a path rule needs a path");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the path \"" + path.replace('\0', '?') + "\" contains a NUL byte");
        }
        if (access == null) {
            throw new IllegalArgumentException("the path rule for " + path + " needs a mode or a set of rights");
        }
    }

    /** A rule whose path must exist. */
    public PathRule(String path, PathAccess access, boolean quiet) {
        this(path, access, quiet, false);
    }

    /** A rule whose denials are logged as usual and whose path must exist. */
    public PathRule(String path, PathAccess access) {
        this(path, access, false);
    }

    /** The same rule with another path, as variable expansion makes it. */
    public PathRule withPath(String newPath) {
        return new PathRule(newPath, access, quiet, optional);
    }
}
