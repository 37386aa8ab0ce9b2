package dev.paddock.core.lint;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.seccomp.SeccompRule;
import dev.paddock.core.profile.ProfileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lint in a folder of the test's own: a home folder, a current folder, an environment that points there, a
 * kernel of a chosen ABI (the real one by default) and a socket list that is empty unless the test asks for the
 * kernel's.
 */
final class LintFixture {
    final Path root;
    final Path home;
    final Path work;
    final Map<String, String> environment = new HashMap<>();
    LandlockSupport support = LandlockSupport.detect();
    Path socketList;

    LintFixture(Path root) throws IOException {
        this.root = root;
        home = Files.createDirectories(root.resolve("home"));
        work = Files.createDirectories(root.resolve("work"));
        environment.put("HOME", home.toString());
        environment.put("PATH", "/usr/bin:/bin");
        socketList = Files.writeString(root.resolve("unix"), "Num       RefCount Protocol Flags    Type St Inode Path\n");
    }

    /** A kernel that reports this ABI, whole. */
    LintFixture abi(int abi) {
        support = new LandlockSupport(abi == 0 ? LandlockSupport.Status.NOT_BUILT : LandlockSupport.Status.AVAILABLE,
                abi, abi, false, "test", 0);
        return this;
    }

    LintContext context() {
        return new LintContext(support, environment, work, null, socketList);
    }

    List<Finding> lint(Policy policy) throws ProfileException {
        return Lint.of(context()).check(policy);
    }

    List<Finding> lint(Policy.Builder policy) throws ProfileException {
        return lint(policy.build());
    }

    /** The findings of one rule. */
    List<Finding> of(LintRule rule, Policy.Builder policy) throws ProfileException {
        return lint(policy).stream().filter(finding -> finding.rule() == rule).toList();
    }

    /** Asserts the rule fires, once, on {@code subject}, and returns that finding. */
    Finding fires(LintRule rule, String subject, Policy.Builder policy) throws ProfileException {
        List<Finding> found = of(rule, policy);
        assertTrue(found.stream().anyMatch(f -> f.concern().subject().equals(subject)),
                rule.id() + " should fire on " + subject + ": " + lint(policy));
        Finding finding = found.stream().filter(f -> f.concern().subject().equals(subject)).findFirst().orElseThrow();
        assertTrue(finding.attack().startsWith("A program in the sandbox") && finding.attack().endsWith("."),
                finding.attack());
        assertTrue(finding.fix().endsWith("."), finding.fix());
        return finding;
    }

    void quiet(LintRule rule, Policy.Builder policy) throws ProfileException {
        assertFalse(of(rule, policy).iterator().hasNext(), rule.id() + " should stay quiet: " + lint(policy));
    }

    /** A policy that restricts everything and passes nothing: the base every test adds one grant to. */
    static Policy.Builder policy() {
        return Policy.builder().harden(SeccompRule.UDP);
    }
}
