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

    /** The Landlock calls, then the seccomp filter and the spawn. */
    public static List<String> lines(RulesetPlan plan, SeccompPlan seccomp) {
        List<String> lines = new ArrayList<>(lines(plan));
        lines.add(lines.size() - 1, "seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, "
                + "&(struct sock_fprog){...}) = 5  /* the filter refuses: */");
        int at = lines.size() - 1;
        for (SeccompRule rule : seccomp.rules()) {
            lines.add(at++, "    /*   " + rule.refuses() + " */");
        }
        lines.set(lines.size() - 1, "posix_spawn(..., POSIX_SPAWN_SETSID, ...)  /* the child inherits both; the "
                + "JVM's own threads never do; the listener lets through posix_spawn's own setsid and then closes */");
        return lines;
    }

    /** The Landlock calls of a plan alone. */
    public static List<String> lines(RulesetPlan plan) {
        List<String> lines = new ArrayList<>();
        if (!plan.restrictsAnything()) {
            lines.add(plan.abi() == 0 ? "/* Landlock is not available: no system call can restrict anything */"
                    : "/* nothing to restrict: no ruleset is created and the command runs unconfined */");
            lines.add("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
            lines.add("posix_spawn(...)");
            return lines;
        }
        lines.add("landlock_create_ruleset(&(struct landlock_ruleset_attr){");
        lines.add("    .handled_access_fs  = " + mask(plan.handledFs(), FsAccess.fromMask(plan.handledFs())) + ",");
        if (Feature.TCP.availableOn(plan.abi())) {
            lines.add("    .handled_access_net = " + mask(plan.handledNet(), NetAccess.fromMask(plan.handledNet())) + ",");
        }
        if (Feature.SCOPES.availableOn(plan.abi())) {
            lines.add("    .scoped             = " + mask(plan.scoped(), Scope.fromMask(plan.scoped())) + ",");
        }
        if (Feature.QUIET.availableOn(plan.abi())) {
            lines.add("    .quiet_access_fs    = " + mask(plan.quietFs(), FsAccess.fromMask(plan.quietFs())) + ",");
            lines.add("    .quiet_access_net   = " + mask(plan.quietNet(), NetAccess.fromMask(plan.quietNet())) + ",");
            lines.add("    .quiet_scoped       = " + mask(plan.quietScoped(), Scope.fromMask(plan.quietScoped())) + ",");
        }
        lines.add("}, " + Abi.rulesetAttrSize(plan.abi()) + ", 0) = 3");
        int fd = 4;
        for (PlannedPathRule rule : plan.pathRules()) {
            lines.add("open(\"" + rule.path() + "\", O_PATH|O_CLOEXEC) = " + fd
                    + (rule.path().equals(rule.target()) ? "" : "  /* -> " + rule.target() + " */"));
            lines.add("landlock_add_rule(3, LANDLOCK_RULE_PATH_BENEATH, &(struct landlock_path_beneath_attr){");
            lines.add("    .allowed_access = " + mask(rule.allowed(), rule.rights()) + ",");
            lines.add("    .parent_fd = " + fd + ",  /* " + (rule.directory() ? "directory" : "file")
                    + (rule.origin() == PlannedPathRule.Origin.POLICY ? "" : ", added by " + rule.origin().label())
                    + " */");
            lines.add("}, " + flags(rule.flags(), RuleFlag.class) + ") = 0");
            lines.add("close(" + fd + ") = 0");
        }
        for (PlannedPortRule rule : plan.portRules()) {
            lines.add("landlock_add_rule(3, LANDLOCK_RULE_NET_PORT, &(struct landlock_net_port_attr){");
            lines.add("    .allowed_access = " + mask(rule.allowed(), rule.rights()) + ",");
            lines.add("    .port = " + rule.port() + ",");
            lines.add("}, " + flags(rule.flags(), RuleFlag.class) + ") = 0");
        }
        lines.add("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
        List<AccessRight> restrictFlags = new ArrayList<>();
        restrictFlags.addAll(AccessRight.fromMask(AuditFlag.class, plan.restrictFlags()));
        restrictFlags.addAll(AccessRight.fromMask(RestrictFlag.class, plan.restrictFlags()));
        lines.add("landlock_restrict_self(3, " + (restrictFlags.isEmpty() ? "0" : restrictFlags.stream()
                .map(AccessRight::kernelName).collect(Collectors.joining("|"))) + ") = 0");
        lines.add("close(3) = 0");
        lines.add("posix_spawn(...)  /* the child inherits the sandbox; the JVM's own threads never do */");
        return lines;
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
