package dev.paddock.core.policy;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A policy pinned to the ABI it was written for, and exactly what upgrading it denies. */
class AbiUpgradeTest {

    @Test
    void aPolicyWrittenForAbi9DeniesUdpOnlyOnceUpgraded() {
        Policy policy = Policy.builder().abi(9).readExec("/usr").connectTcp(443).build();
        AbiUpgrade upgrade = AbiUpgrade.toLatest(policy);
        assertEquals(9, upgrade.from());
        assertEquals(11, upgrade.to());
        assertEquals(List.of(NetAccess.BIND_UDP, NetAccess.CONNECT_SEND_UDP), upgrade.rights());
        assertEquals(List.of("UDP becomes denied (ABI 10, Linux 7.2): allow the ports the command needs (connectUdp "
                + "53 for DNS)"), upgrade.sentences());
        assertEquals("Upgrade to ABI 11 (Linux 7.3): UDP becomes denied (ABI 10, Linux 7.2): allow the ports the "
                + "command needs (connectUdp 53 for DNS)", upgrade.summary());
    }

    @Test
    void whatTheProfileLeavesOpenStaysOpen() {
        Policy open = Policy.builder().abi(5).unrestrictedNetwork(true).scopes(List.of(Scope.SIGNAL)).build();
        assertEquals(List.of(Scope.SIGNAL, FsAccess.RESOLVE_UNIX), AbiUpgrade.toLatest(open).rights());
        assertEquals(List.of("sending signals to processes outside the sandbox becomes denied (ABI 6, Linux 6.12)",
                "connecting to pathname UNIX sockets becomes denied (ABI 9, Linux 7.1): allow each socket the "
                        + "command needs with a resolve_unix rule"), AbiUpgrade.toLatest(open).sentences());
    }

    @Test
    void nothingNewIsSaidPlainly() {
        AbiUpgrade upgrade = AbiUpgrade.toLatest(Policy.builder().abi(10).build());
        assertTrue(upgrade.available());
        assertEquals(List.of(), upgrade.rights());
        assertEquals("Upgrade to ABI 11 (Linux 7.3): nothing becomes denied", upgrade.summary());
        AbiUpgrade none = AbiUpgrade.toLatest(Policy.builder().build());
        assertFalse(none.available());
        assertEquals("written for ABI 11 (Linux 7.3), the newest this Paddock knows", none.summary());
    }

    @Test
    void aNewPolicyIsWrittenForTheNewestAbiAndUpgradingKeepsEverythingElse() {
        assertEquals(11, Policy.builder().build().abi());
        Policy old = Policy.builder().abi(9).readOnly("/etc").connectUdp(53).build();
        Policy upgraded = old.withAbi(11);
        assertEquals(11, upgraded.abi());
        assertEquals(old, upgraded.withAbi(9));
    }

    @Test
    void rightsNewerThanThePolicyAreAllowedAndSaidSoWhereTheKernelCouldRestrictThem() throws Exception {
        Policy policy = Policy.builder().abi(9).connectTcp(443).build();
        CompiledPolicy onAbi10 = PolicyCompiler.compile(policy, 10);
        assertEquals(0x3L, onAbi10.plan().handledNet(), "UDP is not handled: the profile was written for ABI 9");
        assertEquals(EnforcementReport.Status.FULLY_ENFORCED, onAbi10.report().status());
        assertEquals(List.of("UDP is not restricted: the profile was written for ABI 9 (upgrading it to ABI 10 "
                + "(Linux 7.2) restricts it)"), onAbi10.report().notes());
        assertTrue(onAbi10.report().blindSpots().stream().anyMatch(s -> s.startsWith("UDP is not restricted by the "
                + "TCP rules")), "so UDP stays a blind spot, as it was");
        CompiledPolicy onAbi7 = PolicyCompiler.compile(policy, 7);
        assertEquals(List.of(), onAbi7.report().notes(), "nothing newer than ABI 9 could be restricted on ABI 7");
        assertEquals(List.of("connecting to pathname UNIX sockets is not restricted: needs ABI 9 (Linux 7.1)"),
                onAbi7.report().unenforced());
        CompiledPolicy udpPorts = PolicyCompiler.compile(policy.toBuilder().connectUdp(53).build(), 10);
        assertTrue(udpPorts.report().notes().contains("the UDP port rules have no effect: they need ABI 10 (Linux 7.2) "
                + "and the profile was written for ABI 9"), udpPorts.report().notes().toString());
    }
}
