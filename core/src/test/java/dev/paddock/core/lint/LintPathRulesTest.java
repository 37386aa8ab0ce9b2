package dev.paddock.core.lint;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.RightSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.paddock.core.lint.LintFixture.policy;
import static dev.paddock.core.policy.AccessMode.RO;
import static dev.paddock.core.policy.AccessMode.ROX;
import static dev.paddock.core.policy.AccessMode.RW;
import static dev.paddock.core.policy.AccessMode.RWX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each path rule of the lint fires on a bad profile and stays quiet on a near miss, on the real filesystem. */
class LintPathRulesTest extends LintRulesTest {

    @Test
    void writingTheWholeFilesystemIsOneErrorThatSaysEnough() throws Exception {
        Finding finding = lint.fires(LintRule.ROOT_WRITABLE, "/", policy().path("/", RW));
        assertEquals(Severity.ERROR, finding.severity());
        List<Finding> all = lint.lint(policy().path("/", RW));
        assertTrue(all.stream().noneMatch(f -> f.rule() == LintRule.HOME_WRITABLE || f.rule() == LintRule.BROAD_RULE
                || f.rule() == LintRule.KERNEL_FILESYSTEM_WRITABLE), all.toString());
        lint.quiet(LintRule.ROOT_WRITABLE, policy().path("/", RO));
    }

    @Test
    void aWritableHomeIsOneFindingNotOnePerStartUpFile() throws Exception {
        Files.writeString(lint.home.resolve(".bashrc"), "# rc\n");
        Files.createDirectories(lint.home.resolve(".ssh"));
        Finding finding = lint.fires(LintRule.HOME_WRITABLE, "${HOME}", policy().path("${HOME}", RW));
        assertTrue(finding.fix().contains("${HOME}"), finding.fix());
        List<Finding> all = lint.lint(policy().path("${HOME}", RW));
        assertEquals(List.of(LintRule.HOME_WRITABLE), all.stream().filter(f -> f.concern().kind()
                == Concern.Kind.PATH).map(Finding::rule).toList());
        lint.quiet(LintRule.HOME_WRITABLE, policy().path("${HOME}", RO));
        Files.createDirectories(lint.home.resolve("project"));
        lint.quiet(LintRule.HOME_WRITABLE, policy().path("${HOME}/project", RW));
    }

    @Test
    void aFolderAboveHomeCountsAsTheHomeFolder() throws Exception {
        lint.environment.put("HOME", lint.home.resolve("user").toString());
        Files.createDirectories(lint.home.resolve("user"));
        lint.fires(LintRule.HOME_WRITABLE, lint.home.toString(), policy().path(lint.home.toString(), RW));
    }

    @Test
    void aWritableShellStartUpFileIsAnError() throws Exception {
        Files.writeString(lint.home.resolve(".bashrc"), "# rc\n");
        Finding finding = lint.fires(LintRule.SHELL_STARTUP_WRITABLE, "${HOME}/.bashrc",
                policy().path("${HOME}/.bashrc", RW));
        assertTrue(finding.attack().contains(".bashrc"), finding.attack());
        lint.quiet(LintRule.SHELL_STARTUP_WRITABLE, policy().path("${HOME}/.bashrc", RO));
    }

    @Test
    void aWritableConfigFolderReachesAutostartAndSystemdUnits() throws Exception {
        Files.createDirectories(lint.home.resolve(".config/myapp"));
        Finding finding = lint.fires(LintRule.AUTOSTART_WRITABLE, "${HOME}/.config",
                policy().path("${HOME}/.config", RW));
        assertTrue(finding.attack().contains(".config/autostart") && finding.attack().contains("systemd/user"),
                finding.attack());
        lint.quiet(LintRule.AUTOSTART_WRITABLE, policy().path("${HOME}/.config/myapp", RW));
    }

    @Test
    void aWritableFolderOnPathIsAnError() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        lint.environment.put("PATH", bin + ":/usr/bin");
        lint.fires(LintRule.PATH_DIRECTORY_WRITABLE, bin.toString(), policy().path(bin.toString(), RW));
        lint.quiet(LintRule.PATH_DIRECTORY_WRITABLE, policy().path(bin.toString(), ROX));
        Path local = Files.createDirectories(lint.home.resolve(".local/bin"));
        lint.fires(LintRule.PATH_DIRECTORY_WRITABLE, local.toString(), policy().path(local.toString(), RW));
    }

    @Test
    void aWritableSshFolderIsAnError() throws Exception {
        Files.createDirectories(lint.home.resolve(".ssh"));
        lint.fires(LintRule.SSH_WRITABLE, "${HOME}/.ssh", policy().path("${HOME}/.ssh", RW));
        lint.quiet(LintRule.SSH_WRITABLE, policy().path("${HOME}/.ssh", RO));
    }

    @Test
    void aWritableCheckoutIsAnErrorAndAFolderOfCheckoutsToo() throws Exception {
        Path checkout = Files.createDirectories(root.resolve("src/project"));
        Files.createDirectories(checkout.resolve(".git/hooks"));
        Finding finding = lint.fires(LintRule.GIT_HOOKS_WRITABLE, checkout.toString(),
                policy().path(checkout.toString(), RW));
        assertTrue(finding.attack().contains(checkout.toString()), finding.attack());
        lint.fires(LintRule.GIT_HOOKS_WRITABLE, root.resolve("src").toString(),
                policy().path(root.resolve("src").toString(), RW));
        lint.fires(LintRule.GIT_HOOKS_WRITABLE, checkout.resolve(".git/hooks").toString(),
                policy().path(checkout.resolve(".git/hooks").toString(), RW));
        lint.quiet(LintRule.GIT_HOOKS_WRITABLE, policy().path(checkout.toString(), RO));
        Path plain = Files.createDirectories(root.resolve("plain/sub"));
        lint.quiet(LintRule.GIT_HOOKS_WRITABLE, policy().path(plain.getParent().toString(), RW));
    }

    @Test
    void aWritableGitConfigIsAnError() throws Exception {
        Files.writeString(lint.home.resolve(".gitconfig"), "[user]\n");
        lint.fires(LintRule.GIT_CONFIG_WRITABLE, "${HOME}/.gitconfig", policy().path("${HOME}/.gitconfig", RW));
        lint.quiet(LintRule.GIT_CONFIG_WRITABLE, policy().path("${HOME}/.gitconfig", RO));
    }

    @Test
    void writableProcSysAndDevAreErrors() throws Exception {
        lint.fires(LintRule.KERNEL_FILESYSTEM_WRITABLE, "/sys", policy().path("/sys", RW));
        lint.fires(LintRule.KERNEL_FILESYSTEM_WRITABLE, "/proc", policy().path("/proc", RW));
        lint.fires(LintRule.KERNEL_FILESYSTEM_WRITABLE, "/dev", policy().path("/dev", RW));
        lint.quiet(LintRule.KERNEL_FILESYSTEM_WRITABLE, policy().path("/sys", RO));
        lint.quiet(LintRule.KERNEL_FILESYSTEM_WRITABLE, policy().path("/dev/null", RW));
    }

    @Test
    void writableTerminalsAreAWarning() throws Exception {
        lint.fires(LintRule.TERMINALS_WRITABLE, "/dev/pts", policy().path("/dev/pts", RW));
        lint.quiet(LintRule.TERMINALS_WRITABLE, policy().path("/dev/null", RW).path("/dev/tty", RW));
    }

    @Test
    void ioctlOnEveryDeviceIsAWarning() throws Exception {
        lint.fires(LintRule.IOCTL_ALL_DEVICES, "/dev",
                policy().path("/dev", RightSet.of(FsAccess.READ_FILE, FsAccess.IOCTL_DEV)));
        lint.quiet(LintRule.IOCTL_ALL_DEVICES, policy().path("/dev/null",
                RightSet.of(FsAccess.READ_FILE, FsAccess.IOCTL_DEV)));
        lint.quiet(LintRule.IOCTL_ALL_DEVICES, policy().path("/dev", RO));
    }

    @Test
    void writeAndExecuteOnOneFolderIsAWarningWhicheverRuleGrantsTheExecute() throws Exception {
        Path scratch = Files.createDirectories(root.resolve("scratch"));
        lint.fires(LintRule.WRITE_AND_EXECUTE, scratch.toString(), policy().path(scratch.toString(), RWX));
        Finding above = lint.fires(LintRule.WRITE_AND_EXECUTE, scratch.toString(),
                policy().path(scratch.toString(), RW).path(root.toString(), ROX));
        assertTrue(above.attack().contains(root.toString()), above.attack());
        lint.quiet(LintRule.WRITE_AND_EXECUTE, policy().path(scratch.toString(), RW).path("/usr", ROX));
    }

    @Test
    void aLinkToTheRootOrAnAncestorIsALinkThatWidens() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("looks-small"), Path.of("/"));
        Finding finding = lint.fires(LintRule.LINK_WIDENS, link.toString(), policy().path(link.toString(), RO));
        assertTrue(finding.attack().contains("/proc"), finding.attack());
        lint.quiet(LintRule.BROAD_RULE, policy().path(link.toString(), RO));
        Path inside = Files.createDirectories(root.resolve("a/b"));
        Path up = Files.createSymbolicLink(inside.resolve("up"), root);
        lint.fires(LintRule.LINK_WIDENS, up.toString(), policy().path(up.toString(), RO));
        lint.fires(LintRule.LINK_WIDENS, "/proc/self/root", policy().path("/proc/self/root", RO));
        lint.fires(LintRule.LINK_WIDENS, "/proc/self/cwd", policy().path("/proc/self/cwd", RO));
        Path sibling = Files.createDirectories(root.resolve("data"));
        Path narrow = Files.createSymbolicLink(root.resolve("a/data"), sibling);
        lint.quiet(LintRule.LINK_WIDENS, policy().path(narrow.toString(), RO));
    }

    @Test
    void aRuleOnProcSysOrDevIsABroadRule() throws Exception {
        Finding finding = lint.fires(LintRule.BROAD_RULE, "/proc", policy().path("/proc", RO));
        assertTrue(finding.attack().contains("environment and command line"), finding.attack());
        lint.fires(LintRule.BROAD_RULE, "/", policy().path("/", AccessMode.ROX));
        lint.quiet(LintRule.BROAD_RULE, policy().path("/etc", RO).path("/dev/null", RW));
    }

    @Test
    void readableKeyStoresAreAWarningNamingThoseThatExist() throws Exception {
        Files.createDirectories(lint.home.resolve(".ssh"));
        Files.writeString(lint.home.resolve(".ssh/id_ed25519"), "key");
        Files.writeString(lint.home.resolve(".netrc"), "machine x");
        Finding finding = lint.fires(LintRule.SECRETS_READABLE, "${HOME}", policy().path("${HOME}", RO));
        assertTrue(finding.attack().contains(".ssh") && finding.attack().contains(".netrc")
                && !finding.attack().contains(".aws"), finding.attack());
        Files.createDirectories(lint.home.resolve("Documents"));
        lint.quiet(LintRule.SECRETS_READABLE, policy().path("${HOME}/Documents", RO));
    }

    @Test
    void variablesAreExpandedAsALaunchExpandsThem() throws Exception {
        Path profileDir = Files.createDirectories(root.resolve("profiles"));
        Files.createDirectories(profileDir.resolve(".git"));
        LintContext context = lint.context().forFile(profileDir.resolve("p.json"));
        List<Finding> findings = Lint.of(context).check(policy().path("${PROFILE_DIR}", RW).build());
        assertTrue(findings.stream().anyMatch(f -> f.rule() == LintRule.GIT_HOOKS_WRITABLE
                && f.concern().subject().equals("${PROFILE_DIR}")), findings.toString());
        Files.createDirectories(lint.work.resolve(".git"));
        lint.fires(LintRule.GIT_HOOKS_WRITABLE, "${PWD}", policy().path("${PWD}", RW));
    }
}
