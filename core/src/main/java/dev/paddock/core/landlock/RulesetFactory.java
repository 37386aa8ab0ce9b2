package dev.paddock.core.landlock;

import dev.paddock.core.SandboxException;
import dev.paddock.core.sys.FileConstants;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Collectors;

/** Turns a {@link RulesetPlan} into a kernel ruleset fd. Runs on the caller's (unconfined) thread. */
public final class RulesetFactory {

    private RulesetFactory() {
    }

    /** Creates the ruleset and adds every rule; returns its fd, which the caller must close. */
    public static int create(RulesetPlan plan) throws SandboxException {
        int ruleset;
        try {
            ruleset = Landlock.createRuleset(LandlockStructs.rulesetAttr(plan));
        } catch (LandlockException e) {
            throw new SandboxException(SandboxException.Reason.KERNEL_REFUSED,
                    "the kernel refused the ruleset: " + e.getMessage(), e);
        }
        try {
            for (PlannedPathRule rule : plan.pathRules()) {
                addPath(ruleset, rule);
            }
            for (PlannedPortRule rule : plan.portRules()) {
                try {
                    Landlock.addPortRule(ruleset, rule.allowed(), rule.port(), rule.flags());
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

    private static void addPath(int ruleset, PlannedPathRule rule) throws SandboxException {
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
            Landlock.addPathRule(ruleset, rule.allowed(), fd, rule.flags());
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
}
