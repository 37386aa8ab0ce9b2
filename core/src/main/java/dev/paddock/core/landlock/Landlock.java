package dev.paddock.core.landlock;

import com.sun.jna.Memory;
import dev.paddock.core.sys.Constants;
import dev.paddock.core.sys.LibC;

/**
 * The three Landlock system calls and prctl(PR_SET_NO_NEW_PRIVS), with the kernel's structures laid out by hand.
 * Every method acts on the calling thread only; see {@code launch} for how Paddock keeps JVM threads unconfined.
 */
public final class Landlock {
    static final long SYS_CREATE_RULESET = 444;
    static final long SYS_ADD_RULE = 445;
    static final long SYS_RESTRICT_SELF = 446;
    static final long CREATE_RULESET_VERSION = 1;
    private static final long RULE_PATH_BENEATH = 1;
    private static final long RULE_NET_PORT = 2;

    private Landlock() {
    }

    /**
     * Creates a ruleset handling the given masks; returns its fd (O_CLOEXEC, as the kernel makes it).
     *
     * @throws LandlockException with the errno when the kernel refuses
     */
    public static int createRuleset(long handledFs, long handledNet, long scoped, int abi) throws LandlockException {
        try (Memory attr = new Memory(24)) {
            attr.clear();
            attr.setLong(0, handledFs);
            attr.setLong(8, handledNet);
            attr.setLong(16, scoped);
            long fd = LibC.syscall(SYS_CREATE_RULESET, com.sun.jna.Pointer.nativeValue(attr),
                    Abi.rulesetAttrSize(abi), 0, 0);
            if (fd < 0) {
                throw new LandlockException("landlock_create_ruleset", LibC.errno());
            }
            return (int) fd;
        }
    }

    /** Adds a path-beneath rule for the O_PATH file descriptor {@code parentFd}. */
    public static void addPathRule(int rulesetFd, long allowed, int parentFd) throws LandlockException {
        try (Memory attr = new Memory(12)) {
            attr.setLong(0, allowed);
            attr.setInt(8, parentFd);
            if (LibC.syscall(SYS_ADD_RULE, rulesetFd, RULE_PATH_BENEATH, com.sun.jna.Pointer.nativeValue(attr), 0) < 0) {
                throw new LandlockException("landlock_add_rule", LibC.errno());
            }
        }
    }

    /** Adds a TCP port rule. */
    public static void addPortRule(int rulesetFd, long allowed, int port) throws LandlockException {
        try (Memory attr = new Memory(16)) {
            attr.setLong(0, allowed);
            attr.setLong(8, port);
            if (LibC.syscall(SYS_ADD_RULE, rulesetFd, RULE_NET_PORT, com.sun.jna.Pointer.nativeValue(attr), 0) < 0) {
                throw new LandlockException("landlock_add_rule", LibC.errno());
            }
        }
    }

    /**
     * Sets no_new_privs on the calling thread and confines it with the ruleset. Irreversible for this thread and
     * every thread or process it creates afterwards. Returns 0 or the errno; loads no class and allocates nothing,
     * so it is safe on a thread that is about to spawn.
     */
    public static int confineCallingThread(int rulesetFd, long flags) {
        if (LibC.prctl(Constants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
            return LibC.errno();
        }
        if (LibC.syscall(SYS_RESTRICT_SELF, rulesetFd, flags, 0, 0) != 0) {
            return LibC.errno();
        }
        return 0;
    }
}
