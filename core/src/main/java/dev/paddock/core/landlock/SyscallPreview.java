package dev.paddock.core.landlock;

import dev.paddock.core.seccomp.SeccompPlan;
import dev.paddock.core.seccomp.SeccompRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The exact system calls a {@link RulesetPlan} stands for, written the way strace would show them, with every mask in
 * hex and by name. It teaches what Paddock asks of the kernel; file descriptor numbers are illustrative.
 */
public final class SyscallPreview {

    private SyscallPreview() {
    }

    /**
     * A launch's calls in the order they happen: the fresh thread that will spawn installs the seccomp filter while
     * the caller's thread makes the ruleset; then that thread confines itself with the ruleset and spawns.
     */
    public static List<String> lines(RulesetPlan plan, SeccompPlan seccomp) {
        List<String> lines = new ArrayList<>();
        lines.add("/* a fresh thread, while the caller's thread prepares the launch: */");
        lines.add(NO_NEW_PRIVS);
        lines.add("seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, "
                + "&(struct sock_fprog){...}) = 3  /* the listener; the filter refuses: */");
        for (SeccompRule rule : seccomp.rules()) {
            lines.add("    /*   " + rule.refuses() + " */");
        }
        int ruleset = 4;
        if (plan.restrictsAnything()) {
            lines.add("/* the caller's thread, meanwhile: */");
            lines.addAll(ruleset(plan, ruleset));
            lines.add("/* the fresh thread, handed the ruleset: */");
            lines.add(restrictSelf(plan, ruleset));
        } else {
            lines.add(nothingRestricted(plan));
        }
        lines.add("posix_spawn(..., POSIX_SPAWN_SETSID, ...)  /* the child inherits both; the JVM's own threads never "
                + "do; the listener lets through posix_spawn's own setsid and then closes; the fresh thread ends */");
        if (plan.restrictsAnything()) {
            lines.add("close(" + ruleset + ") = 0  /* the caller's thread */");
        }
        return lines;
    }

    /** The Landlock calls of a plan alone. */
    public static List<String> lines(RulesetPlan plan) {
        List<String> lines = new ArrayList<>();
        if (!plan.restrictsAnything()) {
            lines.add(nothingRestricted(plan));
            lines.add(NO_NEW_PRIVS);
            lines.add("posix_spawn(...)");
            return lines;
        }
        lines.addAll(ruleset(plan, 3));
        lines.add(NO_NEW_PRIVS);
        lines.add(restrictSelf(plan, 3));
        lines.add("close(3) = 0");
        lines.add("posix_spawn(...)  /* the child inherits the sandbox; the JVM's own threads never do */");
        return lines;
    }

    private static final String NO_NEW_PRIVS = "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0";

    private static String nothingRestricted(RulesetPlan plan) {
        return plan.abi() == 0 ? "/* Landlock is not available: no system call can restrict anything */"
                : "/* nothing to restrict: no ruleset is created and the command runs unconfined */";
    }

    /** Creating the ruleset as {@code fd} and adding its rules (path fds follow it). */
    private static List<String> ruleset(RulesetPlan plan, int fd) {
        List<String> lines = new ArrayList<>();
        lines.add("landlock_create_ruleset(&(struct landlock_ruleset_attr){");
        lines.add("    .handled_access_fs  = " + mask(plan.handledFs(), FsAccess.fromMask(plan.handledFs())) + ",");
        if (Feature.TCP.availableOn(plan.abi())) {
            lines.add("    .handled_access_net = " + mask(plan.handledNet(), NetAccess.fromMask(plan.handledNet()))
                    + ",");
        }
        if (Feature.SCOPES.availableOn(plan.abi())) {
            lines.add("    .scoped             = " + mask(plan.scoped(), Scope.fromMask(plan.scoped())) + ",");
        }
        if (Feature.QUIET.availableOn(plan.abi())) {
            lines.add("    .quiet_access_fs    = " + mask(plan.quietFs(), FsAccess.fromMask(plan.quietFs())) + ",");
            lines.add("    .quiet_access_net   = " + mask(plan.quietNet(), NetAccess.fromMask(plan.quietNet())) + ",");
            lines.add("    .quiet_scoped       = " + mask(plan.quietScoped(), Scope.fromMask(plan.quietScoped()))
                    + ",");
        }
        lines.add("}, " + Abi.rulesetAttrSize(plan.abi()) + ", 0) = " + fd);
        int pathFd = fd + 1;
        for (PlannedPathRule rule : plan.pathRules()) {
            lines.add("open(\"" + rule.path() + "\", O_PATH|O_CLOEXEC) = " + pathFd
                    + (rule.path().equals(rule.target()) ? "" : "  /* -> " + rule.target() + " */"));
            lines.add("landlock_add_rule(" + fd
                    + ", LANDLOCK_RULE_PATH_BENEATH, &(struct landlock_path_beneath_attr){");
            lines.add("    .allowed_access = " + mask(rule.allowed(), rule.rights()) + ",");
            lines.add("    .parent_fd = " + pathFd + ",  /* " + (rule.directory() ? "directory" : "file")
                    + (rule.origin() == PlannedPathRule.Origin.POLICY ? "" : ", added by " + rule.origin().label())
                    + " */");
            lines.add("}, " + flags(rule.flags(), RuleFlag.class) + ") = 0");
            lines.add("close(" + pathFd + ") = 0");
        }
        for (PlannedPortRule rule : plan.portRules()) {
            lines.add("landlock_add_rule(" + fd + ", LANDLOCK_RULE_NET_PORT, &(struct landlock_net_port_attr){");
            lines.add("    .allowed_access = " + mask(rule.allowed(), rule.rights()) + ",");
            lines.add("    .port = " + rule.port() + ",");
            lines.add("}, " + flags(rule.flags(), RuleFlag.class) + ") = 0");
        }
        return lines;
    }

    private static String restrictSelf(RulesetPlan plan, int fd) {
        List<AccessRight> restrictFlags = new ArrayList<>();
        restrictFlags.addAll(AccessRight.fromMask(AuditFlag.class, plan.restrictFlags()));
        restrictFlags.addAll(AccessRight.fromMask(RestrictFlag.class, plan.restrictFlags()));
        return "landlock_restrict_self(" + fd + ", " + (restrictFlags.isEmpty() ? "0" : restrictFlags.stream()
                .map(AccessRight::kernelName).collect(Collectors.joining("|"))) + ") = 0";
    }

    private static <E extends Enum<E> & AccessRight> String flags(long value, Class<E> kind) {
        Set<E> set = AccessRight.fromMask(kind, value);
        return set.isEmpty() ? "0" : set.stream().map(AccessRight::kernelName).collect(Collectors.joining("|"));
    }

    private static String mask(long value, Set<? extends AccessRight> rights) {
        String names = rights.stream().map(AccessRight::id).collect(Collectors.joining("|"));
        return String.format("0x%x", value) + (names.isEmpty() ? "" : " /* " + names + " */");
    }
}
