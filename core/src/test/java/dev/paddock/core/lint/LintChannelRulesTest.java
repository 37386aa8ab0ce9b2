package dev.paddock.core.lint;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.paddock.core.lint.LintFixture.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lint's rules on sockets, scopes, UDP and unrestricted areas, on kernels of chosen ABIs; the sockets are real,
 * bound in the test's folder.
 */
class LintChannelRulesTest extends LintRulesTest {
    final List<ServerSocketChannel> servers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (ServerSocketChannel server : servers) {
            server.close();
        }
    }

    /** A UNIX socket bound at {@code path}, as a daemon binds its own. */
    private Path bind(Path path) throws Exception {
        Files.createDirectories(path.getParent());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        servers.add(server);
        return path;
    }

    @Test
    void beforeAbi9TheSocketsOfThisMachineAreNamed() throws Exception {
        Path agent = bind(root.resolve("ssh-x/agent.1"));
        Path notASocket = Files.createDirectories(root.resolve("gpg")).resolve("S.gpg-agent");
        Files.writeString(notASocket, "not a socket");
        lint.environment.put("SSH_AUTH_SOCK", agent.toString());
        lint.environment.put("XDG_RUNTIME_DIR", notASocket.getParent().toString());
        Finding finding = lint.abi(7).fires(LintRule.UNIX_SOCKETS_REACHABLE, "abi", policy().path("/usr",
                AccessMode.ROX));
        assertTrue(finding.attack().contains(agent + " (ssh-agent"), finding.attack());
        assertFalse(finding.attack().contains(notASocket.toString()), finding.attack());
        assertTrue(finding.fix().contains("ABI 9"), finding.fix());
        Finding upgrade = lint.abi(11).fires(LintRule.UNIX_SOCKETS_REACHABLE, "abi",
                policy().abi(8).path("/usr", AccessMode.ROX));
        assertTrue(upgrade.fix().contains("Upgrade the profile"), upgrade.fix());
        lint.abi(9).quiet(LintRule.UNIX_SOCKETS_REACHABLE, policy().abi(9).path("/usr", AccessMode.ROX));
    }

    @Test
    void fromAbi9ARuleThatGrantsAPowerfulSocketIsNamed() throws Exception {
        Path run = Files.createDirectories(root.resolve("run"));
        Path docker = bind(run.resolve("docker.sock"));
        lint.socketList = Path.of("/proc/net/unix");
        Policy.Builder grants = policy().abi(9).path(run.toString(), RightSet.of(FsAccess.RESOLVE_UNIX));
        Finding finding = lint.abi(9).fires(LintRule.UNIX_SOCKET_GRANTED, run.toString(), grants);
        assertTrue(finding.attack().contains(docker.toString()) && finding.attack().contains("Docker"),
                finding.attack());
        Path other = Files.createDirectories(root.resolve("other"));
        lint.quiet(LintRule.UNIX_SOCKET_GRANTED, policy().abi(9).path(other.toString(),
                RightSet.of(FsAccess.RESOLVE_UNIX)));
        lint.quiet(LintRule.UNIX_SOCKET_GRANTED, policy().abi(9).path(run.toString(), AccessMode.RW));
    }

    @Test
    void theAbstractSocketScopeOffIsAWarning() throws Exception {
        lint.fires(LintRule.ABSTRACT_SOCKET_SCOPE_OFF, Scope.ABSTRACT_UNIX_SOCKET.id(),
                policy().scopes(List.of(Scope.SIGNAL)));
        lint.quiet(LintRule.ABSTRACT_SOCKET_SCOPE_OFF, policy());
        Finding old = lint.fires(LintRule.ABSTRACT_SOCKET_SCOPE_OFF, Scope.ABSTRACT_UNIX_SOCKET.id(),
                policy().abi(5));
        assertTrue(old.fix().contains("Upgrade"), old.fix());
    }

    @Test
    void theSignalScopeOffIsAWarning() throws Exception {
        lint.fires(LintRule.SIGNAL_SCOPE_OFF, Scope.SIGNAL.id(), policy().scopes(List.of(Scope.ABSTRACT_UNIX_SOCKET)));
        lint.quiet(LintRule.SIGNAL_SCOPE_OFF, policy());
    }

    @Test
    void udpIsAWarningUntilAHardeningRuleOrTheKernelRestrictsIt() throws Exception {
        Finding finding = lint.abi(7).fires(LintRule.UDP_UNRESTRICTED, "hardening", Policy.builder());
        assertTrue(finding.fix().contains("\"udp\""), finding.fix());
        lint.abi(10).fires(LintRule.UDP_UNRESTRICTED, "abi", Policy.builder().abi(9));
        lint.abi(7).quiet(LintRule.UDP_UNRESTRICTED, policy());
        lint.abi(10).quiet(LintRule.UDP_UNRESTRICTED, Policy.builder().abi(10));
        lint.abi(7).quiet(LintRule.UDP_UNRESTRICTED, Policy.builder().unrestrictedNetwork(true));
    }

    @Test
    void anUnrestrictedFilesystemIsAnErrorAndAnUnrestrictedNetworkAWarning() throws Exception {
        lint.fires(LintRule.FILESYSTEM_UNRESTRICTED, "unrestrictedFilesystem", policy().unrestrictedFilesystem(true));
        lint.fires(LintRule.NETWORK_UNRESTRICTED, "unrestrictedNetwork", policy().unrestrictedNetwork(true));
        lint.quiet(LintRule.FILESYSTEM_UNRESTRICTED, policy());
        lint.quiet(LintRule.NETWORK_UNRESTRICTED, policy());
    }

    @Test
    void nothingRestrictedIsTheOneFindingBesideTheEnvironment() throws Exception {
        lint.abi(0);
        Policy.Builder everything = policy().path("/", AccessMode.RW).passEnv("GITHUB_TOKEN");
        lint.fires(LintRule.NOTHING_RESTRICTED, "abi", everything);
        assertEquals(List.of(LintRule.NOTHING_RESTRICTED, LintRule.SECRET_VARIABLE_PASSED),
                lint.lint(everything).stream().map(Finding::rule).toList());
        lint.abi(7).fires(LintRule.NOTHING_RESTRICTED, "unrestrictedFilesystem", policy().unrestrictedFilesystem(true)
                .unrestrictedNetwork(true).unrestrictedScopes(true));
        lint.quiet(LintRule.NOTHING_RESTRICTED, policy());
    }

    @Test
    void rightsAnOldKernelLeavesUnrestrictedAreAWarningUnlessTheProfileIsStrict() throws Exception {
        Finding finding = lint.abi(2).fires(LintRule.RIGHTS_UNENFORCED, "compatibility", policy().abi(9));
        assertTrue(finding.attack().contains("truncat"), finding.attack());
        assertFalse(finding.attack().contains("UDP"), finding.attack());
        lint.quiet(LintRule.RIGHTS_UNENFORCED, policy().abi(9).strict());
        lint.abi(9).quiet(LintRule.RIGHTS_UNENFORCED, policy().abi(9));
    }
}
