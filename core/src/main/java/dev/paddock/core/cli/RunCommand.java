package dev.paddock.core.cli;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.launch.ExecutableResolver;
import dev.paddock.core.launch.ExecutableRules;
import dev.paddock.core.launch.ProcessReplacer;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PlannedPathRule;
import dev.paddock.core.policy.PlannedPortRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler;
import dev.paddock.core.policy.RightSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code paddock run}: landrun's flags with landrun's meaning, then confine this thread and execve, so the
 * command replaces the JVM. Differences from landrun 0.1.18: best-effort is the default (--strict demands full
 * enforcement), ports outside their range are refused, and running without any Landlock needs --allow-unsandboxed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run COMMAND in a Landlock sandbox that denies everything the flags do not allow.",
        footer = {"", "Examples:",
                "  paddock run --rox /usr -- ls /usr",
                "  paddock run --rox /usr --ro /etc --rw /tmp/scratch --env HOME -- sh -c 'ls /etc > /tmp/scratch/x'",
                "  paddock run --rox /usr --ro /etc --connect-tcp 443 --env PATH -- curl https://example.org"})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--ro", split = ",", paramLabel = "PATH", description = "Allow reading (and listing) PATH.")
    private List<String> readOnly = new ArrayList<>();

    @Option(names = "--rox", split = ",", paramLabel = "PATH", description = "Allow reading and executing PATH.")
    private List<String> readExec = new ArrayList<>();

    @Option(names = "--rw", split = ",", paramLabel = "PATH",
            description = "Allow reading, writing, creating and removing under PATH.")
    private List<String> readWrite = new ArrayList<>();

    @Option(names = "--rwx", split = ",", paramLabel = "PATH", description = "Everything --rw allows, and executing.")
    private List<String> readWriteExec = new ArrayList<>();

    @Option(names = "--unix", split = ",", paramLabel = "PATH",
            description = "Allow connecting to the pathname UNIX socket PATH (ABI 9).")
    private List<String> unixSockets = new ArrayList<>();

    @Option(names = "--bind-tcp", split = ",", paramLabel = "PORT",
            description = "Allow binding TCP PORT (0 allows ephemeral ports).")
    private List<String> bindTcp = new ArrayList<>();

    @Option(names = "--connect-tcp", split = ",", paramLabel = "PORT", description = "Allow connecting to TCP PORT.")
    private List<String> connectTcp = new ArrayList<>();

    @Option(names = "--env", paramLabel = "KEY[=VALUE]",
            description = "Pass KEY from this environment, or set it; the environment is otherwise empty.")
    private List<String> env = new ArrayList<>();

    @Option(names = "--best-effort", description = "Apply what this kernel supports (Paddock's default).")
    private boolean bestEffort;

    @Option(names = "--strict", description = "Refuse to run unless every restriction is enforced.")
    private boolean strict;

    @Option(names = "--unrestricted-filesystem", description = "Do not restrict the filesystem.")
    private boolean unrestrictedFilesystem;

    @Option(names = "--unrestricted-network", description = "Do not restrict TCP.")
    private boolean unrestrictedNetwork;

    @Option(names = "--unrestricted-scoped", description = "Do not restrict signals and abstract UNIX sockets.")
    private boolean unrestrictedScoped;

    @Option(names = "--ignore-missing", description = "Skip paths that do not exist instead of failing.")
    private boolean ignoreMissing;

    @Option(names = "--add-exec", description = "Allow executing the command's own binary.")
    private boolean addExec;

    @Option(names = "--ldd", description = "Allow the command's ELF interpreter (execute) and libraries (read).")
    private boolean ldd;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "error, info or debug (default: $LANDRUN_LOG_LEVEL, else error).")
    private String logLevel;

    @Option(names = "--log-disable-originating", description = "Audit: do not log denials of this launcher.")
    private boolean logDisableOriginating;

    @Option(names = "--log-enable-subprocesses", description = "Audit: log denials of the command (ABI 7).")
    private boolean logEnableSubprocesses;

    @Option(names = "--log-disable-subdomains", description = "Audit: do not log denials of nested sandboxes.")
    private boolean logDisableSubdomains;

    @Option(names = "--allow-unsandboxed",
            description = "Run even where Landlock restricts nothing (no Landlock in this kernel).")
    private boolean allowUnsandboxed;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments.")
    private List<String> command = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LogLevel level = LogLevel.parse(logLevel != null ? logLevel : System.getenv("LANDRUN_LOG_LEVEL"));
        Policy policy = policy();
        Path executable = ExecutableResolver.resolve(command.get(0), System.getenv("PATH"), Path.of("")
                .toAbsolutePath());
        LandlockSupport support = LandlockSupport.detect();
        CompiledPolicy compiled = PolicyCompiler.compile(policy, support.abi(), support.status().sentence(),
                ExecutableRules.forExecutable(policy, executable, null));
        compiled.requireRunnable(allowUnsandboxed);
        EnforcementReport report = compiled.report();
        if (report.status() == EnforcementReport.Status.NOT_ENFORCED) {
            err.println("paddock: warning: running UNSANDBOXED: " + String.join("; ", report.unenforced()));
        }
        if (level.atLeast(LogLevel.INFO)) {
            err.println("paddock: " + support.summary() + "; " + report.summary());
            report.notes().forEach(note -> err.println("paddock: note: " + note));
        }
        if (level.atLeast(LogLevel.DEBUG)) {
            describePlan(compiled, err);
        }
        err.flush();
        List<String> envp = new ArrayList<>();
        for (EnvVar variable : policy.environment()) {
            String value = variable.passes() ? System.getenv(variable.name()) : variable.value();
            if (value != null) {
                envp.add(variable.name() + "=" + value);
            }
        }
        SandboxException failure = ProcessReplacer.replace(compiled, executable.toString(), command, envp, null);
        throw failure;
    }

    private Policy policy() throws SandboxException {
        if (strict && bestEffort) {
            throw new SandboxException(SandboxException.Reason.INVALID_POLICY,
                    "--strict and --best-effort contradict each other: choose one");
        }
        Policy.Builder builder = Policy.builder()
                .readOnly(readOnly.toArray(String[]::new))
                .readExec(readExec.toArray(String[]::new))
                .readWrite(readWrite.toArray(String[]::new))
                .readWriteExec(readWriteExec.toArray(String[]::new))
                .unrestrictedFilesystem(unrestrictedFilesystem)
                .unrestrictedNetwork(unrestrictedNetwork)
                .unrestrictedScopes(unrestrictedScoped)
                .ignoreMissing(ignoreMissing)
                .addExec(addExec)
                .ldd(ldd)
                .command(command);
        for (String path : unixSockets) {
            builder.path(path, RightSet.of(FsAccess.RESOLVE_UNIX));
        }
        bindTcp.forEach(port -> builder.bindTcp(PortArgument.parse("--bind-tcp", port, 0)));
        connectTcp.forEach(port -> builder.connectTcp(PortArgument.parse("--connect-tcp", port, 1)));
        env.forEach(spec -> builder.env(EnvVar.parse(spec)));
        if (logDisableOriginating) {
            builder.auditFlag(AuditFlag.LOG_SAME_EXEC_OFF);
        }
        if (logEnableSubprocesses) {
            builder.auditFlag(AuditFlag.LOG_NEW_EXEC_ON);
        }
        if (logDisableSubdomains) {
            builder.auditFlag(AuditFlag.LOG_SUBDOMAINS_OFF);
        }
        if (strict) {
            builder.strict();
        }
        return builder.build();
    }

    private static void describePlan(CompiledPolicy compiled, PrintWriter err) {
        var plan = compiled.plan();
        err.printf("paddock: debug: create_ruleset handled_fs=0x%x handled_net=0x%x scoped=0x%x%n",
                plan.handledFs(), plan.handledNet(), plan.scoped());
        for (PlannedPathRule rule : plan.pathRules()) {
            err.printf("paddock: debug: add_rule path %s [%s] (%s)%n", rule.path(),
                    rule.rights().stream().map(FsAccess::id).collect(Collectors.joining(",")), rule.origin().label());
        }
        for (PlannedPortRule rule : plan.portRules()) {
            err.printf("paddock: debug: add_rule port %d [%s]%n", rule.port(),
                    rule.rights().stream().map(r -> r.id()).collect(Collectors.joining(",")));
        }
        err.printf("paddock: debug: restrict_self flags=0x%x%n", plan.restrictFlags());
    }

    /** landrun's log levels. */
    enum LogLevel {
        ERROR, INFO, DEBUG;

        static LogLevel parse(String value) {
            if (value == null || value.isBlank()) {
                return ERROR;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown log level \"" + value + "\": use error, info or debug");
            }
        }

        boolean atLeast(LogLevel other) {
            return compareTo(other) >= 0;
        }
    }
}
