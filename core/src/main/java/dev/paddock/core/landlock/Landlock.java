package dev.paddock.core.landlock;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

/**
 * The three Landlock system calls and prctl(PR_SET_NO_NEW_PRIVS), with the kernel's structures laid out by
 * {@link LandlockStructs}. Every method acts on the calling thread only; see {@code launch} for how Paddock keeps JVM
 * threads unconfined.
 */
public final class Landlock {
    static final long SYS_CREATE_RULESET = 444;
    static final long SYS_ADD_RULE = 445;
    static final long SYS_RESTRICT_SELF = 446;
    private static final long RULE_PATH_BENEATH = 1;
    private static final long RULE_NET_PORT = 2;

    private Landlock() {
    }

    /**
     * Creates a ruleset from a landlock_ruleset_attr (see {@link LandlockStructs#rulesetAttr}), passed with its own
     * length as the size; returns its fd (O_CLOEXEC, as the kernel makes it).
     *
     * @throws LandlockException with the errno when the kernel refuses
     */
    public static int createRuleset(byte[] attr) throws LandlockException {
        long fd = createRulesetRaw(attr);
        if (fd < 0) {
            throw new LandlockException("landlock_create_ruleset", LibC.errno());
        }
        return (int) fd;
    }

    private static long createRulesetRaw(byte[] attr) {
        try (Memory memory = new Memory(attr.length)) {
            memory.write(0, attr, 0, attr.length);
            return LibC.syscall(SYS_CREATE_RULESET, Pointer.nativeValue(memory), attr.length, 0, 0);
        }
    }

    /**
     * Whether the kernel accepts a ruleset with this attr; the ruleset is closed at once. EINVAL (an unknown right)
     * and E2BIG (a field the kernel does not have) mean no; any other failure is not the ruleset's fault and counts
     * as yes, so that a probe never drops a right the kernel has.
     */
    static boolean accepts(byte[] attr) {
        long fd = createRulesetRaw(attr);
        if (fd >= 0) {
            LibC.close((int) fd);
            return true;
        }
        int errno = LibC.errno();
        return errno != Errno.EINVAL && errno != Errno.E2BIG;
    }

    /** Asks a question of landlock_create_ruleset (attr NULL, size 0): the answer, or -1 with errno. */
    static long query(CreateFlag flag) {
        return LibC.syscall(SYS_CREATE_RULESET, 0, 0, flag.bit(), 0);
    }

    /** Adds a path-beneath rule for the O_PATH file descriptor {@code parentFd}, with add_rule flags. */
    public static void addPathRule(int rulesetFd, long allowed, int parentFd, long flags) throws LandlockException {
        addRule(rulesetFd, RULE_PATH_BENEATH, LandlockStructs.pathBeneathAttr(allowed, parentFd), flags);
    }

    /** Adds a path-beneath rule with no flags. */
    public static void addPathRule(int rulesetFd, long allowed, int parentFd) throws LandlockException {
        addPathRule(rulesetFd, allowed, parentFd, 0);
    }

    /** Adds a port rule (TCP or UDP, as the rights say), with add_rule flags. */
    public static void addPortRule(int rulesetFd, long allowed, int port, long flags) throws LandlockException {
        addRule(rulesetFd, RULE_NET_PORT, LandlockStructs.netPortAttr(allowed, port), flags);
    }

    /** Adds a port rule with no flags. */
    public static void addPortRule(int rulesetFd, long allowed, int port) throws LandlockException {
        addPortRule(rulesetFd, allowed, port, 0);
    }

    private static void addRule(int rulesetFd, long type, byte[] attr, long flags) throws LandlockException {
        try (Memory memory = new Memory(attr.length)) {
            memory.write(0, attr, 0, attr.length);
            if (LibC.syscall(SYS_ADD_RULE, rulesetFd, type, Pointer.nativeValue(memory), flags) < 0) {
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
        if (LibC.prctl(ProcessConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
            return LibC.errno();
        }
        if (LibC.syscall(SYS_RESTRICT_SELF, rulesetFd, flags, 0, 0) != 0) {
            return LibC.errno();
        }
        return 0;
    }
}
