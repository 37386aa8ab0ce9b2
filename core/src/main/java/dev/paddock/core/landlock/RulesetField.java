package dev.paddock.core.landlock;

import java.util.Locale;

/**
 * The fields of struct landlock_ruleset_attr, each a __u64, in the order the kernel lays them out. Checked against
 * include/uapi/linux/landlock.h and build_check_abi() in security/landlock/syscalls.c, which asserts the whole struct
 * is 48 bytes with no hole; the quiet fields came with ABI 10 (Linux 7.2), and the kernel refuses a quiet mask that is
 * not a subset of the matching handled mask (EINVAL).
 */
public enum RulesetField {
    HANDLED_ACCESS_FS(0, 1, "The filesystem rights the ruleset handles: each is denied unless a rule allows it."),
    HANDLED_ACCESS_NET(8, 4, "The network rights the ruleset handles: each is denied unless a port rule allows it."),
    SCOPED(16, 6, "The IPC the sandbox may not reach outside its own domain (abstract UNIX sockets, signals)."),
    QUIET_ACCESS_FS(24, 10, "The filesystem rights whose denials are not logged beneath a path rule marked quiet."),
    QUIET_ACCESS_NET(32, 10, "The network rights whose denials are not logged on a port rule marked quiet."),
    QUIET_SCOPED(40, 10, "The scopes whose denials are never logged.");

    /** Every field is a __u64. */
    public static final int SIZE = 8;

    private final int offset;
    private final int abi;
    private final String explanation;

    RulesetField(int offset, int abi, String explanation) {
        this.offset = offset;
        this.abi = abi;
        this.explanation = explanation;
    }

    /** The byte offset in the struct. */
    public int offset() {
        return offset;
    }

    /** The first ABI that knows the field. */
    public int abi() {
        return abi;
    }

    /** The release of mainline Linux that brought the field. */
    public String kernel() {
        return Abi.kernelFor(abi);
    }

    /** One sentence on what the field holds. */
    public String explanation() {
        return explanation;
    }

    /** The field's name in the C struct, such as quiet_access_fs. */
    public String cName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
