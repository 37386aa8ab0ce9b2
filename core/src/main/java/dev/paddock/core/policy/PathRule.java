package dev.paddock.core.policy;

/**
 * Grants {@code access} to {@code path} and everything beneath it. The path is kept as written: relative paths are
 * resolved against the current directory when the policy is compiled, and symbolic links are followed then.
 */
public record PathRule(String path, PathAccess access) {

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
}
