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
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
     * rule (each path opened O_PATH, with no link followed beneath a folder where the sandbox may make links, see
     * {@code RulePaths} below, and checked to be what was planned) and port rule. Returns its fd, which the
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
            RulePaths paths = new RulePaths(plan);
            for (PlannedPathRule rule : plan.pathRules()) {
                addPlannedPathRule(ruleset, rule, paths);
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

    private static void addPlannedPathRule(int ruleset, PlannedPathRule rule, RulePaths paths)
            throws SandboxException {
        int fd = paths.open(rule);
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

    /**
     * Opens each planned rule's path ({@code O_PATH}) for the ruleset, and refuses a path that a sandbox could have
     * re-pointed. A ruleset that lets its program make symbolic links in a folder (make_sym) lets that program replace
     * any entry beneath it, such as a nested rule's path or a folder on the way to it, with a link to anywhere; the
     * next run of the same profile would then follow the link and grant the nested rule's rights there (a profile with
     * {@code rw ./build} and {@code rox ./build/tool} becomes execute on whatever {@code tool} now names). So beneath
     * such a folder no link is followed: the part of the path below it is opened with
     * {@code openat2(RESOLVE_NO_SYMLINKS)}, and a link there refuses the launch with one sentence naming both.
     */
    private static final class RulePaths {
        private static final long SYS_OPENAT2 = 437; // the same number on x86_64 and aarch64
        private static final long RESOLVE_NO_SYMLINKS = 0x04;
        private static final int OPEN_HOW_SIZE = 24; // struct open_how: flags, mode, resolve (3 x u64)

        /** Folder rules where the sandbox may make links, outermost first. */
        private final List<PlannedPathRule> linkable;

        RulePaths(RulesetPlan plan) {
            this.linkable = plan.pathRules().stream()
                    // a ruleset that may make links at / has nothing left to widen this way
                    .filter(rule -> rule.directory() && (rule.allowed() & FsAccess.MAKE_SYM.bit()) != 0
                            && !rule.path().equals("/") && !rule.target().equals("/"))
                    .sorted(Comparator.comparingInt(rule -> rule.path().length()))
                    .toList();
        }

        /**
         * The outermost folder rule granting make_sym that holds {@code path} strictly beneath it (by the path as
         * written, or by where that folder led when the launch was planned), with the part of {@code path} below it.
         */
        Optional<Beneath> linkableAbove(String path) {
            for (PlannedPathRule folder : linkable) {
                for (String top : List.of(folder.path(), folder.target())) {
                    String rest = below(top, path);
                    if (rest != null) {
                        return Optional.of(new Beneath(folder, top, rest));
                    }
                }
            }
            return Optional.empty();
        }

        /** A path beneath a folder where links can be made: the folder's rule, the folder as opened, the rest. */
        record Beneath(PlannedPathRule folder, String top, String rest) {
        }

        /** Opens the rule's path {@code O_PATH}: the file descriptor, which the caller closes. */
        int open(PlannedPathRule rule) throws SandboxException {
            Optional<Beneath> beneath = linkableAbove(rule.path());
            if (beneath.isEmpty()) {
                return check(LibC.open(rule.path(), FileConstants.O_PATH | FileConstants.O_CLOEXEC), rule.path(), rule);
            }
            Beneath b = beneath.get();
            int top = check(LibC.open(b.top(), FileConstants.O_PATH | FileConstants.O_CLOEXEC), b.top(), rule);
            try {
                int fd = openNoLinks(top, b.rest());
                if (fd < 0 && LibC.errno() == Errno.ELOOP) {
                    throw new SandboxException(SandboxException.Reason.KERNEL_REFUSED, "the rule for " + rule.path()
                            + " is refused: its path now passes through a symbolic link beneath " + b.top()
                            + ", where this sandbox may make links (make_sym), so a program of an earlier run could have "
                            + "put it there to point the rule elsewhere; name the link's target in the profile instead, "
                            + "or take make_sym off " + b.folder().path());
                }
                return check(fd, rule.path(), rule);
            } finally {
                LibC.close(top);
            }
        }

        private static int openNoLinks(int dirfd, String rest) {
            byte[] name = rest.getBytes(StandardCharsets.UTF_8);
            try (Memory path = new Memory(name.length + 1L); Memory how = new Memory(OPEN_HOW_SIZE)) {
                path.write(0, name, 0, name.length);
                path.setByte(name.length, (byte) 0);
                how.setLong(0, FileConstants.O_PATH | FileConstants.O_CLOEXEC);
                how.setLong(8, 0);
                how.setLong(16, RESOLVE_NO_SYMLINKS);
                return (int) LibC.syscall(SYS_OPENAT2, dirfd, Pointer.nativeValue(path), Pointer.nativeValue(how),
                        OPEN_HOW_SIZE);
            }
        }

        private static int check(int fd, String opened, PlannedPathRule rule) throws SandboxException {
            if (fd >= 0) {
                return fd;
            }
            int errno = LibC.errno();
            SandboxException.Reason reason = errno == Errno.ENOENT
                    ? SandboxException.Reason.MISSING_PATH : SandboxException.Reason.KERNEL_REFUSED;
            throw new SandboxException(reason, "cannot open " + opened + (opened.equals(rule.path()) ? " for its rule: "
                    : " for the rule on " + rule.path() + ": ") + LibC.describe(errno));
        }

        /** The part of {@code path} strictly beneath {@code top}, or null when it is not beneath it. */
        private static String below(String top, String path) {
            return path.length() > top.length() + 1 && path.startsWith(top) && path.charAt(top.length()) == '/'
                    ? path.substring(top.length() + 1) : null;
        }
    }
}
