package dev.paddock.core.lint;

import dev.paddock.core.SandboxException;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler;
import dev.paddock.core.profile.Acknowledgement;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The lint of dangerous grants: judges a profile or a policy, as it would run in a context (this kernel, this
 * environment, this machine's sockets), and returns what a program inside the sandbox could do with it, each with a
 * fix. Variables are expanded as a launch expands them; rules are judged by where they lead and by the rights this
 * kernel grants; a rule above a dangerous path counts, and so does one inside it, and only the widest finding of a
 * rule is kept (write access to the home folder is one finding, not one per start-up file) unless the profile accepts
 * it, when the narrower ones its words do not state are shown. The rules are listed in {@link LintRule} and in
 * docs/LINT.md.
 *
 * <pre>{@code
 * List<Finding> findings = Lint.of(LintContext.ofProcess(file)).check(profile);
 * }</pre>
 */
public final class Lint {
    private final LintContext context;

    private Lint(LintContext context) {
        this.context = context;
    }

    /** A lint for this context. */
    public static Lint of(LintContext context) {
        return new Lint(context);
    }

    /**
     * The findings for a profile: the open ones, errors first, then those the profile acknowledges, which carry its
     * reason and do not fail.
     *
     * @throws ProfileException when a path uses a variable that is not set here, or is not a valid path
     */
    public List<Finding> check(Profile profile) throws ProfileException {
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : all(profile.policy())) {
            String reason = profile.acknowledged().stream()
                    .filter(accepted -> accepted.accepts(finding.rule().id(), finding.concern().subject()))
                    .map(Acknowledgement::reason).findFirst().orElse(null);
            findings.add(reason == null ? finding : finding.acceptedFor(reason));
        }
        return sorted(withoutRedundant(findings)).stream().sorted(Comparator.comparing(Finding::isAccepted))
                .toList();
    }

    /**
     * The findings for a policy whose paths may still hold variables, errors first.
     *
     * @throws ProfileException when a path uses a variable that is not set here, or is not a valid path
     */
    public List<Finding> check(Policy policy) throws ProfileException {
        return sorted(withoutRedundant(all(policy)));
    }

    /** Every finding, before the redundant ones are dropped. */
    private List<Finding> all(Policy policy) throws ProfileException {
        Policy expanded = context.variables().expand(policy);
        CompiledPolicy compiled;
        try {
            compiled = PolicyCompiler.compile(expanded.toBuilder().ignoreMissing(true).build(), context.support(),
                    List.of());
        } catch (SandboxException e) {
            throw new ProfileException(e.getMessage(), -1, -1);
        }
        List<Finding> findings = new ArrayList<>();
        if (AreaChecks.check(compiled, context.support(), findings)) {
            Grants grants = Grants.of(policy, expanded, compiled.plan());
            Path home = context.home();
            PathChecks.check(grants, home, findings);
            HomeChecks.check(grants, home, context.environment().get("PATH"), findings);
            ChannelChecks.check(compiled, grants, context.support(), sockets(),
                    SocketScan.abstractNames(context.socketList()), findings);
            findings = new ArrayList<>(grants.perWrittenRule(findings));
        }
        EnvironmentChecks.check(policy, context.environment(), findings);
        return findings;
    }

    /** The scan runs once, and only when a check needs it. */
    private Supplier<List<SocketScan.Found>> sockets() {
        List<List<SocketScan.Found>> once = new ArrayList<>();
        return () -> {
            if (once.isEmpty()) {
                once.add(SocketScan.scan(context.environment(), context.socketList()));
            }
            return once.get(0);
        };
    }

    /**
     * Drops a finding that a wider one about the same rule already says (see {@link LintRule#makesRedundant}). An
     * accepted wider finding drops only what its own words state ({@link LintRule#says}): accepting home-writable
     * accepts ~/.bashrc, not the keys it lets the sandbox read.
     */
    private static List<Finding> withoutRedundant(List<Finding> findings) {
        return findings.stream().filter(finding -> findings.stream().noneMatch(other -> other != finding
                && other.concern().equals(finding.concern()) && other.rule().makesRedundant()
                .contains(finding.rule()) && (!other.isAccepted() || finding.isAccepted()
                || other.rule().says().contains(finding.rule())))).toList();
    }

    private static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted(Comparator.comparing(Finding::severity)).toList();
    }

    /** "2 errors, 1 warning (1 accepted)", or "no findings". */
    public static String summary(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "no findings";
        }
        List<String> parts = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            long count = findings.stream().filter(f -> f.severity() == severity && !f.isAccepted()).count();
            if (count > 0) {
                parts.add(count + " " + severity.word() + (count == 1 ? "" : "s"));
            }
        }
        long accepted = findings.stream().filter(Finding::isAccepted).count();
        String open = parts.isEmpty() ? "nothing open" : String.join(", ", parts);
        return open + (accepted > 0 ? " (" + accepted + " accepted)" : "");
    }
}
