package dev.paddock.core.cli;

import dev.paddock.core.SandboxException;
import dev.paddock.core.audit.AuditLog;
import dev.paddock.core.audit.LandlockDenial;
import dev.paddock.core.interop.LandrunCommandLine;
import dev.paddock.core.interop.LandrunCommandLine.LogLevel;
import dev.paddock.core.interop.LandrunCommandLine.RunRequest;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.RestrictFlag;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.launch.LaunchPlan;
import dev.paddock.core.launch.ProcessReplacer;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedCommand;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.trace.Explainer;
import dev.paddock.core.trace.Trace;
import dev.paddock.core.trace.TraceEntry;
import dev.paddock.core.trace.TraceEvent;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.sys.ProcessConstants;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code paddock run}: landrun's flags with landrun's meaning, then confine this thread and execve, so the command
 * replaces the JVM. It does not go through picocli: a sandboxed launch is on the cold-start path.
 *
 * <p>With {@code --explain}, the JVM stays: it spawns the command traced (the library's path) in the JVM's process
 * group, the terminal's foreground job, waits for it as a shell's {@code system()} does (Ctrl-C ends the command,
 * not the JVM), explains each denial on stderr, and exits with the command's code.
 */
final class RunMain {

    private RunMain() {
    }

    /** Runs the command, which replaces this process; returns an exit code only when Paddock itself fails. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            RunRequest request = LandrunCommandLine.parse(args, System.getenv("LANDRUN_LOG_LEVEL"));
            if (request.help()) {
                out.print(usage());
                out.flush();
                return 0;
            }
            return launch(request, err);
        } catch (ProfileException e) {
            err.println("paddock: " + e.getMessage());
            err.flush();
            return PaddockCli.FAILURE;
        } catch (SandboxException | IllegalArgumentException e) {
            err.println("paddock: " + e.getMessage());
            err.flush();
            return PaddockCli.FAILURE;
        }
    }

    private static int launch(RunRequest request, PrintStream err) throws SandboxException, ProfileException {
        Policy policy = request.profile() == null ? request.policy() : fromProfile(request);
        List<String> command = policy.command();
        // Like landrun: a bare name is looked up on the caller's PATH, since the child's environment is empty. A
        // relative one (./tool) is found where the child will start, so the program checked is the one that runs.
        LaunchContext context = LaunchContext.forCommandLine(policy);
        LandlockSupport support = context.support();
        LaunchPlan plan = LaunchPlan.prepare(policy, context);
        Path executable = plan.executable();
        CompiledPolicy compiled = plan.compiled();
        compiled.requireRunnable(request.allowUnsandboxed());
        EnforcementReport report = compiled.report();
        if (report.status() == EnforcementReport.Status.NOT_ENFORCED) {
            err.println("paddock: warning: running UNSANDBOXED: " + String.join("; ", report.unenforced()));
        }
        if (request.logLevel().atLeast(LogLevel.INFO) || request.dryRun()) {
            err.println("paddock: " + support.summary() + "; " + report.summary());
            ReportPrinter.printDetails(report, "paddock: ", err);
        }
        if (request.logLevel().atLeast(LogLevel.DEBUG) || request.dryRun()) {
            PlanPrinter.print(compiled.plan(), "paddock: debug: ", err);
            PlanPrinter.printFilter(compiled, "paddock: debug: ", err);
        }
        List<String> envp = new ArrayList<>();
        EnvVar.resolve(policy.environment(), System.getenv()).forEach((key, value) -> envp.add(key + "=" + value));
        err.flush();
        if (request.explain() != LandrunCommandLine.Explain.NONE && !request.dryRun()) {
            return explained(request, policy, context, err);
        }
        if (request.dryRun()) {
            // Everything short of confining and exec'ing, so the ruleset is built in the kernel and checked.
            SandboxException problem = ProcessReplacer.rehearse(compiled, executable.toString(), command, envp,
                    policy.workingDirectory());
            if (problem != null) {
                throw problem;
            }
            return 0;
        }
        throw ProcessReplacer.replace(compiled, executable.toString(), command, envp, policy.workingDirectory());
    }

    /**
     * Runs the command traced, as a child of this JVM, and explains its denials: live (each distinct one when first
     * seen) or after the run; then the summary. Returns the command's exit code (128 + the signal that ended it).
     */
    private static int explained(RunRequest request, Policy policy, LaunchContext context, PrintStream err)
            throws SandboxException {
        try (AuditLog audit = AuditLog.open()) {
            // the kernel logs the denials of the programs a domain executes only when asked
            Policy logged = audit.readable() && !policy.auditFlags().contains(AuditFlag.LOG_NEW_EXEC_ON)
                    ? policy.toBuilder().auditFlag(AuditFlag.LOG_NEW_EXEC_ON).build() : policy;
            return explained(request, logged, context, err, audit);
        }
    }

    private static int explained(RunRequest request, Policy policy, LaunchContext context, PrintStream err,
                                 AuditLog audit) throws SandboxException {
        Sandbox sandbox = request.allowUnsandboxed() ? Sandbox.of(policy).allowingUnsandboxed() : Sandbox.of(policy);
        boolean live = request.explain() == LandrunCommandLine.Explain.LIVE;
        Set<String> shown = ConcurrentHashMap.newKeySet();
        SandboxedCommand command = sandbox.command(policy.command()).context(context).inheritIO();
        if (live) {
            command.trace(event -> {
                if (event.verdict().denied() && shown.add(key(event))) {
                    print(Explainer.denial(new TraceEntry(event.executable(), event.access(), event.verdict(), 1,
                            event.time(), event.time())), err);
                }
            });
        } else {
            command.trace();
        }
        int code;
        SandboxedProcess process;
        // the command shares this JVM's process group, the terminal's foreground job: Ctrl-C reaches it, not us
        try (ShellWait wait = ShellWait.begin()) {
            try {
                process = command.start();
            } catch (SandboxException e) {
                throw e;
            } catch (IOException e) {
                throw new SandboxException(SandboxException.Reason.SPAWN_FAILED, e.getMessage(), e);
            }
            code = waitEndingWithThisJvm(process);
        }
        Trace trace = process.trace().orElseThrow();
        try {
            trace.awaitEnd(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<LandlockDenial> logged = logged(audit, trace, process.pid());
        if (!live) {
            for (TraceEntry denial : trace.denials()) {
                List<String> lines = new ArrayList<>(Explainer.denial(denial));
                AuditLog.confirming(denial, logged).ifPresent(d -> lines.add("  " + AuditLog.confirmation(d)));
                print(lines, err);
            }
        }
        err.println("paddock: explain: " + Explainer.summary(trace));
        err.println("paddock: explain: audit: " + ControlCharacters.visible(audit.readable()
                ? confirmed(trace, logged) : audit.status()));
        err.flush();
        trace.close();
        if (process.exitStatus().map(s -> s.signal() == ProcessConstants.SIGINT).orElse(false)) {
            System.out.flush();
            ShellWait.endByInterrupt();
        }
        return code;
    }

    /** The run's records of the audit log, once the kernel has written them (empty when it is not read). */
    private static List<LandlockDenial> logged(AuditLog audit, Trace trace, long pid) {
        if (!audit.readable() || trace.denials().isEmpty()) {
            return List.of();
        }
        try {
            audit.settle(Duration.ofMillis(150), Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // this JVM runs one sandbox: the domains it created are this run's
        return audit.denialsOf(Set.of((int) pid, (int) ProcessHandle.current().pid()));
    }

    private static String confirmed(Trace trace, List<LandlockDenial> logged) {
        List<TraceEntry> denials = trace.denials();
        long confirmed = denials.stream().filter(d -> AuditLog.confirming(d, logged).isPresent()).count();
        return logged.size() + " Landlock record" + (logged.size() == 1 ? "" : "s") + " of this run in the kernel's "
                + "audit log; " + confirmed + " of " + denials.size() + " distinct denials confirmed";
    }

    private static String key(TraceEvent event) {
        return event.executable() + "\0" + event.access().describe();
    }

    private static void print(List<String> lines, PrintStream err) {
        synchronized (err) {
            for (String line : lines) {
                err.println("paddock: explain: " + ControlCharacters.visible(line));
            }
            err.flush();
        }
    }

    /**
     * Waits for the command; should this JVM be ended meanwhile (SIGTERM, SIGHUP), the command is ended with it:
     * SIGTERM to every process of the run, then SIGKILL to what is left after two seconds.
     */
    private static int waitEndingWithThisJvm(SandboxedProcess process) {
        Thread ender = new Thread(() -> {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(2, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            }
        }, "paddock-explain-end");
        Runtime.getRuntime().addShutdownHook(ender);
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    // keep waiting: the command's exit code is the answer
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(ender);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
    }

    /** The profile's policy, variables expanded, with the words after -- added to its command. */
    static Policy fromProfile(RunRequest request) throws ProfileException {
        Path file = Path.of(request.profile());
        Profile profile = ProfileFiles.load(file);
        Policy policy = PathVariables.ofProcess(file).expand(profile.policy());
        List<String> command = new ArrayList<>(policy.command());
        command.addAll(request.policy().command());
        if (command.isEmpty()) {
            throw new ProfileException("the profile " + file.getFileName() + " has no command: give one after --",
                    -1, -1);
        }
        return policy.toBuilder().command(command).build();
    }

    /** The help text, made from the same flag table the parser uses. */
    static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: paddock run [FLAGS] [--] COMMAND [ARGS...]\n")
                .append("       paddock run --profile FILE [--] [EXTRA ARGS...]\n")
                .append("Run COMMAND in a Landlock sandbox that denies everything the flags do not allow.\n")
                .append("Parsing stops at -- or at COMMAND; path and port flags repeat and take comma lists.\n\n");
        text.append(flagHelp());
        text.append("\nExamples:\n")
                .append("  paddock run --rox /usr -- ls /usr\n")
                .append("  paddock run --rox /usr --ro /etc --rw /tmp/scratch --env HOME -- sh -c 'ls /etc > /tmp/scratch/x'\n")
                .append("  paddock run --rox /usr --ro /etc --connect-tcp 443 --env PATH -- curl https://example.org\n")
                .append("\nExit codes: the command's own; 1 when Paddock itself fails (the message says why).\n")
                .append("\nThreads: only this thread is confined, and then it calls execve, which ends every other "
                        + "thread of the JVM: that is why Paddock never sets LANDLOCK_RESTRICT_SELF_TSYNC (")
                .append(RestrictFlag.TSYNC.requirement()).append("), which would confine all of them at once.\n");
        return text.toString();
    }

    static String flagHelp() {
        StringBuilder text = new StringBuilder("Flags:\n");
        for (LandrunCommandLine.Flag flag : LandrunCommandLine.flags()) {
            String left = "--" + flag.name() + (flag.valueLabel() == null ? "" : " " + flag.valueLabel());
            text.append(String.format("  %-30s %s%n", left, flag.description()));
        }
        return text.toString();
    }
}
