package dev.paddock.core.landlock;

/**
 * The Landlock features that arrived with each ABI, by name, so that no code outside this package writes an ABI
 * number: {@code Feature.TCP.availableOn(abi)} instead of {@code abi >= 4}.
 */
public enum Feature {
    FILESYSTEM(1, "filesystem rules"),
    REFER(2, "moving and linking files between directories"),
    TRUNCATE(3, "the truncate right"),
    TCP(4, "TCP port rules"),
    IOCTL_DEV(5, "the ioctl_dev right"),
    SCOPES(6, "the signal and abstract UNIX socket scopes"),
    AUDIT_FLAGS(7, "audit flags"),
    TSYNC(8, "confining every thread of a process at once"),
    RESOLVE_UNIX(9, "rules for pathname UNIX sockets"),
    UDP(10, "UDP port rules"),
    QUIET(10, "quiet rules, whose denials are not logged"),
    NO_NEW_PRIVS(11, "setting no_new_privs only once the sandbox is in place");

    private final int abi;
    private final String words;

    Feature(int abi, String words) {
        this.abi = abi;
        this.words = words;
    }

    /** The ABI that brought it. */
    public int abi() {
        return abi;
    }

    /** What it is, in words: "TCP port rules". */
    public String words() {
        return words;
    }

    public boolean availableOn(int abi) {
        return abi >= this.abi;
    }

    /** The feature a right, scope or flag belongs to. */
    public static Feature of(AccessRight right) {
        if (right instanceof FsAccess fs) {
            return switch (fs) {
                case REFER -> REFER;
                case TRUNCATE -> TRUNCATE;
                case IOCTL_DEV -> IOCTL_DEV;
                case RESOLVE_UNIX -> RESOLVE_UNIX;
                default -> FILESYSTEM;
            };
        }
        if (right instanceof NetAccess net) {
            return net.udp() ? UDP : TCP;
        }
        if (right instanceof Scope) {
            return SCOPES;
        }
        if (right instanceof RestrictFlag flag) {
            return flag == RestrictFlag.TSYNC ? TSYNC : NO_NEW_PRIVS;
        }
        if (right instanceof RuleFlag) {
            return QUIET;
        }
        return right instanceof CreateFlag flag && flag == CreateFlag.VERSION ? FILESYSTEM : AUDIT_FLAGS;
    }

    /** "ABI 4 (Linux 6.7)", the way reports name a requirement. */
    public String requirement() {
        return Abi.describe(abi);
    }
}
