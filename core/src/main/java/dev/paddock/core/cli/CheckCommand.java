package dev.paddock.core.cli;

import dev.paddock.core.interop.LandrunCommandLine.LogLevel;
import dev.paddock.core.interop.ShellWords;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.Lint;
import dev.paddock.core.lint.LintContext;
import dev.paddock.core.launch.LaunchPlan;
import dev.paddock.core.policy.AbiUpgrade;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code paddock check FILE}: validate a profile, then say what this kernel would enforce for it. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a profile, then print the ABI it was written for, what upgrading it to the newest "
                + "ABI would deny, what this kernel would enforce for it, and the lint's findings (as paddock lint "
                + "prints them). Exits 1 if the profile is broken or could not run here; lint findings do not change "
                + "the exit code (paddock lint does).")
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The profile (JSON).")
    private Path file;

    @picocli.CommandLine.Option(names = "--log-level", paramLabel = "LEVEL", converter = LogLevelConverter.class,
            description = "info (the default) or debug, which also prints the ruleset and the seccomp filter.")
    private LogLevel logLevel = LogLevel.INFO;

    /** Parses --log-level with the run command's words and message. */
    static final class LogLevelConverter implements picocli.CommandLine.ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            return LogLevel.parse(value);
        }
    }

    /** "Written for ABI 9", and what upgrading to the newest ABI would deny, one line each. */
    static void printAbi(Policy policy, PrintStream out) {
        AbiUpgrade upgrade = AbiUpgrade.toLatest(policy);
        out.println("Written:   for " + Abi.describe(policy.abi())
                + (upgrade.available() ? "" : ", the newest this Paddock knows"));
        if (upgrade.available()) {
            out.println("Upgrade:   to " + Abi.describe(upgrade.to()) + " (\"abi\": " + upgrade.to() + ")"
                    + (upgrade.rights().isEmpty() ? " denies nothing more" : " denies:"));
            upgrade.sentences().forEach(sentence -> out.println("  - " + sentence));
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Profile profile = ProfileFiles.load(file);
        Policy policy = PathVariables.ofProcess(file).expand(profile.policy());
        out.println("Profile:   " + profile.name() + (profile.description().isBlank() ? ""
                : " - " + profile.description()));
        out.println("Command:   " + (policy.command().isEmpty() ? "(none)" : ShellWords.join(policy.command())));
        LaunchContext context = LaunchContext.forCommandLine(policy);
        LandlockSupport support = context.support();
        LaunchPlan plan = LaunchPlan.prepare(policy, context);
        CompiledPolicy compiled = plan.compiled();
        if (plan.executable() != null) {
            out.println("Program:   " + plan.executable());
        }
        printAbi(policy, out);
        out.println("Kernel:    " + support.summary());
        out.println("Enforced:  " + compiled.report().status().words());
        compiled.report().unenforced().forEach(gap -> out.println("  - " + gap));
        ReportPrinter.printDetails(compiled.report(), "  ", out);
        out.println("Ruleset:");
        PlanPrinter.print(compiled.plan(), "  ", out);
        if (logLevel == LogLevel.DEBUG) {
            PlanPrinter.printFilter(compiled, "paddock: debug: ", out);
        }
        List<Finding> findings = Lint.of(LintContext.ofProcess(file)).check(profile);
        out.println("Lint:      " + Lint.summary(findings));
        LintCommand.printFindings(findings, "  ", out);
        compiled.requireRunnable(false);
        if (policy.command().isEmpty()) {
            // run refuses such a profile unless the command line gives the command
            out.println("OK: the profile is valid and can run here, but it has no command: give one after -- "
                    + "(paddock run --profile " + file + " -- COMMAND).");
        } else {
            out.println("OK: the profile is valid and can run here.");
        }
        return 0;
    }
}
