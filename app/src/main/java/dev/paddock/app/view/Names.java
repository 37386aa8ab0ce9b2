package dev.paddock.app.view;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;

/**
 * How the window names rights and flags: always by the profile's name (read_file, log_same_exec_off), which is also
 * the kernel's, and for the audit flags with landrun's option as an alias, so that the editor, the help and the
 * kernel panel say the same thing.
 */
final class Names {

    private Names() {
    }

    /** "landrun: --log-disable-originating" for an audit flag, "" for anything else. */
    static String alias(AccessRight right) {
        return right instanceof AuditFlag flag ? "landrun: --" + flag.landrunFlag() : "";
    }

    /** The name, then the alias in parentheses when there is one. */
    static String withAlias(AccessRight right) {
        String alias = alias(right);
        return alias.isEmpty() ? right.id() : right.id() + " (" + alias + ")";
    }
}
