package dev.paddock.core.lint;

import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.profile.Acknowledgement;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.paddock.core.lint.LintFixture.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lint's rules on the environment, and how a profile accepts a finding. */
class LintEnvironmentRulesTest extends LintRulesTest {

    @Test
    void passingAnAgentOrBusAddressIsAWarning() throws Exception {
        lint.fires(LintRule.AGENT_VARIABLE_PASSED, "SSH_AUTH_SOCK", policy().passEnv("SSH_AUTH_SOCK"));
        lint.fires(LintRule.AGENT_VARIABLE_PASSED, "DBUS_SESSION_BUS_ADDRESS",
                policy().passEnv("DBUS_SESSION_BUS_ADDRESS"));
        lint.quiet(LintRule.AGENT_VARIABLE_PASSED, policy().passEnv("LANG", "TERM", "DISPLAY_NAME"));
    }

    @Test
    void aVariableNamedLikeASecretIsAWarning() throws Exception {
        for (String name : List.of("GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "OPENAI_API_KEY",
                "NPM_AUTHTOKEN")) {
            lint.fires(LintRule.SECRET_VARIABLE_PASSED, name, policy().passEnv(name));
        }
        lint.quiet(LintRule.SECRET_VARIABLE_PASSED, policy().passEnv("KEYBOARD_LAYOUT", "MONKEY", "LANG",
                "TOKENIZERS_PARALLELISM_X"));
    }

    @Test
    void aValueThatLooksLikeACredentialIsAnErrorWhereverItComesFrom() throws Exception {
        Finding set = lint.fires(LintRule.CREDENTIAL_IN_ENVIRONMENT, "GH", policy().setEnv("GH",
                "ghp_" + "a".repeat(36)));
        assertTrue(set.attack().contains("a GitHub token") && set.attack().contains("plain text"), set.attack());
        lint.environment.put("DATABASE_URL", "postgres://app:hunter2@db.internal/app");
        Finding passed = lint.fires(LintRule.CREDENTIAL_IN_ENVIRONMENT, "DATABASE_URL",
                policy().passEnv("DATABASE_URL"));
        assertTrue(passed.attack().contains("a password in a URL"), passed.attack());
        lint.quiet(LintRule.CREDENTIAL_IN_ENVIRONMENT, policy().setEnv("GREETING", "hello world")
                .setEnv("SITE", "https://example.org/path"));
        lint.environment.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        assertEquals(List.of(LintRule.CREDENTIAL_IN_ENVIRONMENT), lint.lint(policy().passEnv("AWS_ACCESS_KEY_ID"))
                .stream().filter(f -> f.concern().kind() == Concern.Kind.ENVIRONMENT).map(Finding::rule).toList());
    }

    @Test
    void aProfileAcceptsAFindingForItsPathOrForEveryPath() throws Exception {
        Path scratch = java.nio.file.Files.createDirectories(root.resolve("scratch"));
        Profile profile = new Profile("p", "", "", policy().path(scratch.toString(), AccessMode.RWX).build(),
                List.of(new Acknowledgement("write-and-execute", scratch.toString(), "it builds and runs code")));
        Finding finding = Lint.of(lint.context()).check(profile).stream()
                .filter(f -> f.rule() == LintRule.WRITE_AND_EXECUTE).findFirst().orElseThrow();
        assertEquals("it builds and runs code", finding.accepted());
        Profile elsewhere = profile.withAcknowledged(List.of(new Acknowledgement("write-and-execute", "/other",
                "not this one")));
        assertNull(Lint.of(lint.context()).check(elsewhere).stream()
                .filter(f -> f.rule() == LintRule.WRITE_AND_EXECUTE).findFirst().orElseThrow().accepted());
        Profile home = new Profile("p", "", "", policy().path("${HOME}", AccessMode.RW).build(),
                List.of(new Acknowledgement("home-writable", null, "a test")));
        List<Finding> findings = Lint.of(lint.context()).check(home);
        assertTrue(findings.stream().noneMatch(Finding::fails), findings.toString());
        assertTrue(Lint.summary(findings).contains("1 accepted"), Lint.summary(findings));
        assertFalse(Lint.of(lint.context()).check(home.withAcknowledged(List.of())).stream()
                .noneMatch(Finding::fails));
    }

    @Test
    void aVariableThatIsNotSetIsAProfileError() {
        ProfileException e = assertThrows(ProfileException.class,
                () -> lint.lint(policy().path("${NO_SUCH_VARIABLE_HERE}/x", AccessMode.RO)));
        assertTrue(e.getMessage().contains("NO_SUCH_VARIABLE_HERE"), e.getMessage());
    }

    @Test
    void everyRuleHasAStableKebabCaseIdAndIsFoundByIt() {
        for (LintRule rule : LintRule.values()) {
            assertTrue(rule.id().matches("[a-z]+(-[a-z0-9]+)*"), rule.id());
            assertEquals(rule, LintRule.byId(rule.id()).orElseThrow());
        }
        assertTrue(LintRule.values().length >= 15);
    }
}
