package dev.paddock.core.landlock;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.SandboxException;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.FileConstants;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.sys.ProcessConstants;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Collectors;

/**
 * The three Landlock system calls and prctl(PR_SET_NO_NEW_PRIVS), with the kernel's structures laid out by
 * {@link LandlockStructs}, and a {@link RulesetPlan} made into a kernel ruleset with them ({@link #makeRuleset}).
 * Every method acts on the calling thread only; see {@code launch} for how Paddock keeps JVM threads unconfined.
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
     * Makes the planned ruleset in the kernel, on the caller's (unconfined) thread: creates it and adds every path
     * rule (each path opened O_PATH and checked to be what was planned) and port rule. Returns its fd, which the
     * caller must close; every refusal is one sentence naming the rule at fault.
     */
    public static int makeRuleset(RulesetPlan plan) throws SandboxException {
        int ruleset;
        try {
            ruleset = createRuleset(LandlockStructs.rulesetAttr(plan));
        } catch (LandlockException e) {
            throw new SandboxException(SandboxException.Reason.KERNEL_REFUSED,
                    "the kernel refused the ruleset: " + e.getMessage(), e);
        }
        try {
            for (PlannedPathRule rule : plan.pathRules()) {
                addPlannedPathRule(ruleset, rule);
            }
            for (PlannedPortRule rule : plan.portRules()) {
                try {
                    addPortRule(ruleset, rule.allowed(), rule.port(), rule.flags());
                } catch (LandlockException e) {
                    String protocols = rule.rights().stream().anyMatch(NetAccess::udp)
                            ? rule.rights().stream().allMatch(NetAccess::udp) ? "UDP" : "TCP and UDP" : "TCP";
                    throw new SandboxException(SandboxException.Reason.KERNEL_REFUSED,
                            "the kernel refused the rule for " + protocols + " port " + rule.port() + ": "
                                    + e.getMessage(), e);
                }
            }
            return ruleset;
        } catch (SandboxException | RuntimeException e) {
            LibC.close(ruleset);
            throw e;
        }
    }

    private static void addPlannedPathRule(int ruleset, PlannedPathRule rule) throws SandboxException {
        int fd = LibC.open(rule.path(), FileConstants.O_PATH | FileConstants.O_CLOEXEC);
        if (fd < 0) {
            int errno = LibC.errno();
            SandboxException.Reason reason = errno == Errno.ENOENT
                    ? SandboxException.Reason.MISSING_PATH : SandboxException.Reason.KERNEL_REFUSED;
            throw new SandboxException(reason, "cannot open " + rule.path() + " for its rule: "
                    + LibC.describe(errno));
        }
        try {
            if (!rule.directory()) {
                requireFile(fd, rule);
            }
            addPathRule(ruleset, rule.allowed(), fd, rule.flags());
        } catch (LandlockException e) {
            String rights = rule.rights().stream().map(FsAccess::id).collect(Collectors.joining(", "));
            String hint = e.errno() == Errno.EINVAL
                    ? " (did it change from a directory to a file while the sandbox was being built?)" : "";
            throw new SandboxException(SandboxException.Reason.KERNEL_REFUSED, "the kernel refused the rule for "
                    + rule.path() + " [" + rights + "]: " + e.getMessage() + hint, e);
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * A rule planned for a file has only file rights, but the kernel applies them beneath a directory just as well:
     * if the path became a directory after it was planned (a link swapped to /, say), the rule would grant them on a
     * whole tree. So the object actually opened is checked, and for the rules Paddock derives from the program
     * (add-exec and ldd) it must be a regular file.
     */
    private static void requireFile(int fd, PlannedPathRule rule) throws SandboxException {
        byte[] statx = new byte[FileConstants.SIZEOF_STATX];
        if (LibC.statx(fd, "", FileConstants.AT_EMPTY_PATH, FileConstants.STATX_TYPE, statx) != 0) {
            throw new SandboxException(SandboxException.Reason.KERNEL_REFUSED, "cannot tell what " + rule.path()
                    + " is for its rule: " + LibC.describe(LibC.errno()));
        }
        int type = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder()).getShort(FileConstants.STATX_MODE_OFFSET)
                & FileConstants.S_IFMT;
        boolean derived = rule.origin() == PlannedPathRule.Origin.LDD
                || rule.origin() == PlannedPathRule.Origin.ADD_EXEC;
        if (type == FileConstants.S_IFDIR || derived && type != FileConstants.S_IFREG) {
            throw new SandboxException(SandboxException.Reason.KERNEL_REFUSED, "the rule for " + rule.path()
                    + " was planned for a file, but " + rule.path() + " is now "
                    + (type == FileConstants.S_IFDIR ? "a directory" : "not a regular file")
                    + ": it changed while the sandbox was being built");
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
