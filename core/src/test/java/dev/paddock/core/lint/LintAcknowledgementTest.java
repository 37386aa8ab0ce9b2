package dev.paddock.core.lint;

import dev.paddock.core.profile.ProfileReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static dev.paddock.core.lint.LintFixture.policy;
import static dev.paddock.core.policy.AccessMode.RO;
import static dev.paddock.core.policy.AccessMode.RW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An acknowledgement accepts what it names and nothing more: not a twin rule's finding, not a narrower finding. */
class LintAcknowledgementTest extends LintRulesTest {

    private List<Finding> lintProfile(String paths, String acknowledged) throws Exception {
        String json = "{\"formatVersion\":1,\"name\":\"t\",\"command\":[\"true\"],\"paths\":[" + paths + "],"
                + "\"scopes\":[\"abstract_unix_socket\",\"signal\"],\"hardening\":[\"udp\"],\"acknowledged\":["
                + acknowledged + "]}";
        return Lint.of(lint.context()).check(ProfileReader.read(json, "test"));
    }

    @Test
    void twoRulesForOnePathEachCarryTheFindingAndEachMustBeAccepted() throws Exception {
        Finding written = lint.fires(LintRule.HOME_WRITABLE, "${HOME}/",
                policy().path("${HOME}/", RO).path("${HOME}", RW));
        lint.fires(LintRule.HOME_WRITABLE, "${HOME}", policy().path("${HOME}/", RO).path("${HOME}", RW));
        assertTrue(written.attack().contains("${HOME}/ and ${HOME}") && written.fix().contains("Keep one rule"),
                written.attack() + " " + written.fix());
        List<Finding> findings = lintProfile("{\"path\":\"${HOME}/\",\"mode\":\"ro\"},{\"path\":\"${HOME}\","
                + "\"mode\":\"rw\"}", "{\"lint\":\"home-writable\",\"concerns\":\"${HOME}/\",\"reason\":\"this rule "
                + "is read-only\"}");
        assertTrue(findings.stream().anyMatch(f -> f.rule() == LintRule.HOME_WRITABLE && f.fails()
                && f.concern().subject().equals("${HOME}")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.rule() == LintRule.HOME_WRITABLE && f.isAccepted()
                && f.concern().subject().equals("${HOME}/")), findings.toString());
        List<Finding> single = lintProfile("{\"path\":\"${HOME}\",\"mode\":\"rw\"}", "{\"lint\":\"home-writable\","
                + "\"concerns\":\"${HOME}\",\"reason\":\"on purpose\"}");
        assertEquals(1, single.stream().filter(f -> f.rule() == LintRule.HOME_WRITABLE).count(), single.toString());
    }

    @Test
    void acceptingTheWiderFindingLeavesTheNarrowerOnesOpen() throws Exception {
        Files.createDirectories(lint.home.resolve(".ssh"));
        Files.writeString(lint.home.resolve(".ssh/id_ed25519"), "key");
        Files.createDirectories(lint.home.resolve("proj/.git"));
        String home = "{\"path\":\"${HOME}\",\"mode\":\"rw\"}";
        List<Finding> open = lintProfile(home, "");
        assertEquals(List.of(LintRule.HOME_WRITABLE), open.stream().filter(f -> f.concern().kind()
                == Concern.Kind.PATH).map(Finding::rule).toList(), open.toString());
        List<Finding> findings = lintProfile(home, "{\"lint\":\"home-writable\",\"reason\":\"on purpose\"}");
        for (LintRule narrower : List.of(LintRule.SECRETS_READABLE, LintRule.GIT_HOOKS_WRITABLE)) {
            assertTrue(findings.stream().anyMatch(f -> f.rule() == narrower && !f.isAccepted()), narrower.id()
                    + " should stay open: " + findings);
        }
        // what home-writable says in its own words (~/.ssh/authorized_keys) is accepted with it
        assertTrue(findings.stream().noneMatch(f -> f.rule() == LintRule.SSH_WRITABLE), findings.toString());
        List<Finding> both = lintProfile(home, "{\"lint\":\"home-writable\",\"reason\":\"on purpose\"},"
                + "{\"lint\":\"secrets-readable\",\"reason\":\"on purpose too\"}");
        assertTrue(both.stream().noneMatch(f -> f.rule() == LintRule.SECRETS_READABLE), both.toString());
    }
}
