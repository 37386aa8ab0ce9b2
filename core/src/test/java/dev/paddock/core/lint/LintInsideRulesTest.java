package dev.paddock.core.lint;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.RightSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.paddock.core.lint.LintFixture.policy;
import static dev.paddock.core.policy.AccessMode.RO;
import static dev.paddock.core.policy.AccessMode.ROX;
import static dev.paddock.core.policy.AccessMode.RW;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules on files and folders inside dangerous places count as much as rules above them, and a rule inside a folder
 * the sandbox can change is reported: on the real filesystem.
 */
class LintInsideRulesTest extends LintRulesTest {

    private Path file(String relative) throws Exception {
        Path path = lint.home.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "x\n");
    }

    @Test
    void aWritableFileInsideSshIsAnErrorAndAKeyReadableIsAWarning() throws Exception {
        file(".ssh/authorized_keys");
        file(".ssh/config");
        file(".ssh/id_rsa");
        Finding keys = lint.fires(LintRule.SSH_WRITABLE, "${HOME}/.ssh/authorized_keys",
                policy().path("${HOME}/.ssh/authorized_keys", RW));
        assertTrue(keys.attack().contains("authorized_keys"), keys.attack());
        lint.fires(LintRule.SSH_WRITABLE, "${HOME}/.ssh/config", policy().path("${HOME}/.ssh/config", RW));
        lint.quiet(LintRule.SSH_WRITABLE, policy().path("${HOME}/.ssh/config", RO));
        Finding key = lint.fires(LintRule.SECRETS_READABLE, "${HOME}/.ssh/id_rsa",
                policy().path("${HOME}/.ssh/id_rsa", RO));
        assertTrue(key.attack().contains("id_rsa"), key.attack());
        lint.quiet(LintRule.SECRETS_READABLE, policy().path("${HOME}/.ssh/known_hosts", RO)
                .path("${HOME}/.ssh/config", RO));
    }

    @Test
    void writableFilesInsideGitConfigAutostartSystemdAndLocalBinAreErrors() throws Exception {
        file(".config/git/config");
        file(".config/autostart/app.desktop");
        file(".config/systemd/user/app.service");
        file(".local/bin/tool");
        lint.fires(LintRule.GIT_CONFIG_WRITABLE, "${HOME}/.config/git/config",
                policy().path("${HOME}/.config/git/config", RW));
        lint.fires(LintRule.AUTOSTART_WRITABLE, "${HOME}/.config/autostart/app.desktop",
                policy().path("${HOME}/.config/autostart/app.desktop", RW));
        lint.fires(LintRule.AUTOSTART_WRITABLE, "${HOME}/.config/systemd/user/app.service",
                policy().path("${HOME}/.config/systemd/user/app.service", RW));
        lint.fires(LintRule.PATH_DIRECTORY_WRITABLE, "${HOME}/.local/bin/tool",
                policy().path("${HOME}/.local/bin/tool", RW));
        lint.quiet(LintRule.PATH_DIRECTORY_WRITABLE, policy().path("${HOME}/.local/bin/tool", ROX));
        lint.quiet(LintRule.AUTOSTART_WRITABLE, policy().path("${HOME}/.config/autostart/app.desktop", RO));
    }

    @Test
    void writableFilesInsideACheckoutsGitFolderAreAnError() throws Exception {
        file("proj/.git/config");
        file("proj/.git/hooks/pre-commit");
        file("proj/src/main.c");
        lint.fires(LintRule.GIT_HOOKS_WRITABLE, "${HOME}/proj/.git/config",
                policy().path("${HOME}/proj/.git/config", RW));
        lint.fires(LintRule.GIT_HOOKS_WRITABLE, "${HOME}/proj/.git/hooks/pre-commit",
                policy().path("${HOME}/proj/.git/hooks/pre-commit", RW));
        lint.quiet(LintRule.GIT_HOOKS_WRITABLE, policy().path("${HOME}/proj/src/main.c", RW)
                .path("${HOME}/proj/.git/config", RO));
    }

    @Test
    void anExecutableFileInsideAWritableFolderIsWriteAndExecute() throws Exception {
        Path tool = Files.writeString(Files.createDirectories(lint.work.resolve("w")).resolve("tool"), "#!/bin/sh\n");
        Finding finding = lint.fires(LintRule.WRITE_AND_EXECUTE, "${PWD}/w",
                policy().path("${PWD}/w", RW).path("${PWD}/w/tool", ROX));
        assertTrue(finding.attack().contains(tool.toString()), finding.attack());
        lint.fires(LintRule.WRITE_AND_EXECUTE, "${PWD}/w/tool", policy().path("${PWD}/w/tool",
                RightSet.of(FsAccess.READ_FILE, FsAccess.WRITE_FILE, FsAccess.EXECUTE)));
        lint.quiet(LintRule.WRITE_AND_EXECUTE, policy().path("${PWD}/w", RO).path("${PWD}/w/tool", ROX));
        Files.createDirectories(lint.work.resolve("bin"));
        lint.quiet(LintRule.WRITE_AND_EXECUTE, policy().path("${PWD}/w", RW).path("${PWD}/bin", ROX));
    }

    @Test
    void aRuleInsideAFolderTheSandboxCanChangeIsAWarning() throws Exception {
        Files.createDirectories(lint.work.resolve("data"));
        Finding finding = lint.fires(LintRule.RULE_BENEATH_WRITABLE, "${PWD}/data",
                policy().path("${PWD}", RW).path("${PWD}/data", RO));
        assertTrue(finding.attack().contains("link") && finding.fix().contains("${PWD}"), finding.attack());
        lint.fires(LintRule.RULE_BENEATH_WRITABLE, "${PWD}/data", policy().path("${PWD}/data", RO)
                .path("${PWD}", RightSet.of(FsAccess.READ_DIR, FsAccess.MAKE_SYM)));
        lint.quiet(LintRule.RULE_BENEATH_WRITABLE, policy().path("${PWD}", RO).path("${PWD}/data", RW));
        lint.quiet(LintRule.RULE_BENEATH_WRITABLE, policy().path("${PWD}/data", RW));
        lint.quiet(LintRule.RULE_BENEATH_WRITABLE, policy().path("${PWD}", RightSet.of(FsAccess.READ_DIR,
                FsAccess.MAKE_REG, FsAccess.WRITE_FILE)).path("${PWD}/data", RO));
    }

    @Test
    void aLinkOrAFolderMovedInPlantsAsWellAsAFile() throws Exception {
        file(".ssh/authorized_keys");
        Files.createDirectories(lint.home.resolve(".config/myapp"));
        Files.createDirectories(lint.work);
        lint.fires(LintRule.SSH_WRITABLE, "${HOME}/.ssh", policy().path("${HOME}/.ssh",
                RightSet.of(FsAccess.READ_DIR, FsAccess.MAKE_SYM, FsAccess.REMOVE_FILE)));
        lint.quiet(LintRule.SSH_WRITABLE, policy().path("${HOME}/.ssh",
                RightSet.of(FsAccess.READ_DIR, FsAccess.REMOVE_FILE)));
        lint.fires(LintRule.AUTOSTART_WRITABLE, "${HOME}/.config", policy().path("${HOME}/.config",
                RightSet.of(FsAccess.READ_FILE, FsAccess.READ_DIR, FsAccess.MAKE_SYM)));
        lint.fires(LintRule.AUTOSTART_WRITABLE, "${HOME}/.config", policy().path("${PWD}", RW)
                .path("${HOME}/.config", RightSet.of(FsAccess.READ_DIR, FsAccess.MAKE_DIR, FsAccess.REFER)));
        lint.quiet(LintRule.AUTOSTART_WRITABLE, policy().path("${PWD}", RW)
                .path("${HOME}/.config", RightSet.of(FsAccess.READ_DIR, FsAccess.MAKE_DIR)));
    }

    @Test
    void bashAliasesFishConfDAndPythonsUserSitePackagesAreStartUpPlaces() throws Exception {
        file(".bash_aliases");
        Files.createDirectories(lint.home.resolve(".config/fish/conf.d"));
        Files.createDirectories(lint.home.resolve(".local/lib/python3.12/site-packages"));
        Files.createDirectories(lint.home.resolve(".local/share/myapp"));
        lint.fires(LintRule.SHELL_STARTUP_WRITABLE, "${HOME}/.bash_aliases", policy().path("${HOME}/.bash_aliases",
                RW));
        lint.fires(LintRule.SHELL_STARTUP_WRITABLE, "${HOME}/.config/fish/conf.d",
                policy().path("${HOME}/.config/fish/conf.d", RW));
        Finding python = lint.fires(LintRule.SHELL_STARTUP_WRITABLE, "${HOME}/.local/lib",
                policy().path("${HOME}/.local/lib", RW));
        assertTrue(python.attack().contains("Python"), python.attack());
        lint.quiet(LintRule.SHELL_STARTUP_WRITABLE, policy().path("${HOME}/.local/share/myapp", RW)
                .path("${HOME}/.local/lib", RO));
    }
}
