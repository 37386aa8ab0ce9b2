package dev.paddock.core.policy;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.SyscallPreview;
import dev.paddock.core.landlock.PlannedPortRule;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.RuleFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.seccomp.SeccompRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import static dev.paddock.core.landlock.FsAccess.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiling a policy into a ruleset plan and a report, without running anything. */
class PolicyCompilerTest {
    @TempDir
    Path root;

    @Test
    void landrunModesMapExactlyAsLandrunMapsThem() {
        assertEquals(EnumSet.of(READ_FILE), AccessMode.RO.rightsFor(false));
        assertEquals(EnumSet.of(READ_FILE, READ_DIR), AccessMode.RO.rightsFor(true));
        assertEquals(EnumSet.of(READ_FILE, EXECUTE, READ_DIR), AccessMode.ROX.rightsFor(true));
        assertEquals(EnumSet.of(READ_FILE, WRITE_FILE, TRUNCATE, IOCTL_DEV), AccessMode.RW.rightsFor(false));
        assertEquals(EnumSet.complementOf(EnumSet.of(EXECUTE, RESOLVE_UNIX)), AccessMode.RW.rightsFor(true));
        assertEquals(EnumSet.complementOf(EnumSet.of(RESOLVE_UNIX)), AccessMode.RWX.rightsFor(true));
    }

    @Test
    void everythingTheAbiKnowsIsHandled() throws Exception {
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().build(), 7).plan();
        assertEquals(0xffffL, plan.handledFs());
        assertEquals(0x3L, plan.handledNet());
        assertEquals(0x3L, plan.scoped());
        RulesetPlan old = PolicyCompiler.compile(Policy.builder().build(), 1).plan();
        assertEquals(0x1fffL, old.handledFs());
        assertEquals(0L, old.handledNet());
    }

    @Test
    void fileRulesKeepOnlyRightsValidOnFiles() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "");
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().readWriteExec(file.toString()).build(), 7).plan();
        PlannedPathRule rule = plan.pathRules().get(0);
        assertEquals(false, rule.directory());
        assertEquals(EnumSet.of(EXECUTE, WRITE_FILE, READ_FILE, TRUNCATE, IOCTL_DEV), rule.rights());
    }

    @Test
    void rulesAreTrimmedToTheAbi() throws Exception {
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().readWrite(root.toString()).build(), 2).plan();
        assertTrue(plan.pathRules().get(0).rights().contains(REFER));
        assertTrue(!plan.pathRules().get(0).rights().contains(TRUNCATE));
    }

    @Test
    void rulesForTheSamePathAreMerged() throws Exception {
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().readOnly(root.toString())
                .path(root + "/", RightSet.of(MAKE_REG)).build(), 7).plan();
        assertEquals(1, plan.pathRules().size());
        assertEquals(EnumSet.of(READ_FILE, READ_DIR, MAKE_REG), plan.pathRules().get(0).rights());
    }

    @Test
    void relativePathsAreResolvedAgainstTheCurrentDirectory() throws Exception {
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().readOnly(".").build(), 7).plan();
        assertEquals(Path.of("").toAbsolutePath().resolve(".").toString(), plan.pathRules().get(0).path());
    }

    @Test
    void portRulesCombineBindAndConnect() throws Exception {
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().bindTcp(8080, 0).connectTcp(8080, 443).build(), 7)
                .plan();
        // LANDLOCK_ACCESS_NET_BIND_TCP is 1 << 0 and CONNECT_TCP 1 << 1 in the kernel's header
        assertEquals(List.of(new PlannedPortRule(0, 0b01), new PlannedPortRule(443, 0b10),
                new PlannedPortRule(8080, 0b11)), plan.portRules());
    }

    @Test
    void udpPortRulesJoinTheTcpOnesOnAbi10AndAreNotedBelow() throws Exception {
        Policy policy = Policy.builder().bindTcp(8080).connectTcp(53).connectUdp(53).bindUdp(5353).build();
        assertEquals(List.of(new PlannedPortRule(53, NetAccess.CONNECT_TCP.bit() | NetAccess.CONNECT_SEND_UDP.bit()),
                new PlannedPortRule(5353, NetAccess.BIND_UDP.bit()), new PlannedPortRule(8080, NetAccess.BIND_TCP.bit())),
                PolicyCompiler.compile(policy, 10).plan().portRules());
        CompiledPolicy old = PolicyCompiler.compile(policy, 7);
        assertEquals(List.of(new PlannedPortRule(53, NetAccess.CONNECT_TCP.bit()),
                new PlannedPortRule(8080, NetAccess.BIND_TCP.bit())), old.plan().portRules(),
                "a port with only UDP rights is left out: the kernel refuses a rule that allows nothing");
        assertEquals(List.of("the UDP port rules have no effect: they need ABI 10 (Linux 7.2) and this is ABI 7"),
                old.report().notes());
        assertTrue(old.report().unenforced().contains("UDP is not restricted: needs ABI 10 (Linux 7.2)"));
    }

    @Test
    void udpIsABlindSpotUntilLandlockHandlesIt() throws Exception {
        IntPredicate listed = abi -> {
            try {
                return PolicyCompiler.compile(Policy.builder().connectTcp(443).build(), abi).report().blindSpots()
                        .stream().anyMatch(spot -> spot.startsWith("UDP is not restricted by the TCP rules"));
            } catch (SandboxException e) {
                throw new AssertionError(e);
            }
        };
        assertTrue(listed.test(7));
        assertTrue(listed.test(9));
        assertTrue(!listed.test(10), "on ABI 10 the profile's UDP rules are Landlock's");
        CompiledPolicy hardened = PolicyCompiler.compile(Policy.builder().harden(
                SeccompRule.UDP).build(), 10);
        assertTrue(hardened.seccomp().has(SeccompRule.UDP), "the hardening stays as is");
    }

    @Test
    void quietRulesCarryTheFlagAndTheRulesetItsMasksFromAbi10() throws Exception {
        Policy policy = Policy.builder().rule(new PathRule(root.toString(), AccessMode.RO, true))
                .readExec("/usr").connectUdp(53).connectTcp(443).quietPorts(53).build();
        CompiledPolicy now = PolicyCompiler.compile(policy, 10);
        RulesetPlan plan = now.plan();
        assertEquals(List.of(true, false), plan.pathRules().stream().map(PlannedPathRule::quiet).toList());
        assertEquals(List.of(true, false), plan.portRules().stream().map(PlannedPortRule::quiet).toList());
        assertEquals(plan.handledFs(), plan.quietFs());
        assertEquals(plan.handledNet(), plan.quietNet());
        assertEquals(0L, plan.quietScoped());
        assertEquals(List.of(), now.report().notes());
        CompiledPolicy old = PolicyCompiler.compile(policy, 9);
        assertTrue(old.plan().pathRules().stream().noneMatch(PlannedPathRule::quiet));
        assertEquals(0L, old.plan().quietFs() | old.plan().quietNet());
        assertTrue(old.report().notes().contains("the quiet rules are logged like the others: keeping denials out of "
                + "the audit log needs ABI 10 (Linux 7.2)"), old.report().notes().toString());
        CompiledPolicy lacking = PolicyCompiler.compile(policy, 10,
                Set.of(RuleFlag.QUIET), "unused", List.of());
        assertEquals(0L, lacking.plan().quietFs());
        assertTrue(lacking.report().notes().get(0).endsWith("is missing from this kernel's ABI 10"));
        assertEquals("the quiet port 80 has no rule: allow binding or connecting to it first", assertThrows(
                IllegalArgumentException.class, () -> Policy.builder().quietPorts(80).build()).getMessage());
    }

    @Test
    void anOptionalRuleIsSkippedWhenItsPathIsMissingAndTheOthersStillMustExist() throws Exception {
        Path gone = root.resolve("gone");
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().readOnly(root.toString())
                .rule(new PathRule(gone.toString(), AccessMode.RO, false, true)).build(), 7);
        assertEquals(List.of(root.toString()), compiled.plan().pathRules().stream().map(PlannedPathRule::path)
                .toList());
        assertEquals(List.of("skipped " + gone + ": it does not exist"), compiled.report().notes());
        SandboxException e = assertThrows(SandboxException.class,
                () -> PolicyCompiler.compile(Policy.builder().rule(new PathRule(gone.toString(), AccessMode.RO, false,
                        true)).readOnly(gone + "2").build(), 7));
        assertEquals(SandboxException.Reason.MISSING_PATH, e.reason());
        assertTrue(e.getMessage().startsWith("the path " + gone + "2 does not exist"), e.getMessage());
    }

    @Test
    void portsOutOfRangeAreRejectedWhenThePolicyIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Policy.builder().connectTcp(70000).build());
        assertEquals("TCP connect port 70000 is out of range: use 1 to 65535", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Policy.builder().connectTcp(0).build());
        assertThrows(IllegalArgumentException.class, () -> Policy.builder().bindTcp(-1).build());
        assertEquals("UDP connect port 0 is out of range: use 1 to 65535", assertThrows(
                IllegalArgumentException.class, () -> Policy.builder().connectUdp(0).build()).getMessage());
    }

    @Test
    void unrestrictedAreasAreNotHandledAndTheirRulesAreNoted() throws Exception {
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().readOnly(root.toString()).connectTcp(80)
                .unrestrictedFilesystem(true).unrestrictedNetwork(true).build(), 7);
        assertEquals(0L, compiled.plan().handledFs());
        assertEquals(0L, compiled.plan().handledNet());
        assertEquals(EnforcementReport.Status.FULLY_ENFORCED, compiled.report().status());
        assertEquals(List.of("the 1 path rule(s) have no effect: the filesystem is unrestricted",
                "the TCP port rules have no effect: the network is unrestricted"), compiled.report().notes());
    }

    @Test
    void auditFlagsAreDroppedWithANoteBelowAbi7() throws Exception {
        Policy policy = Policy.builder().auditFlag(AuditFlag.LOG_NEW_EXEC_ON).build();
        assertEquals(2L, PolicyCompiler.compile(policy, 7).plan().restrictFlags());
        CompiledPolicy old = PolicyCompiler.compile(policy, 6);
        assertEquals(0L, old.plan().restrictFlags());
        assertEquals(List.of("the audit flags (log-enable-subprocesses) are ignored: they need ABI 7 (Linux 6.15)"),
                old.report().notes());
    }

    @Test
    void aRuleThatMeansNothingOnAFileIsSkippedWithANote() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "");
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().path(file.toString(),
                RightSet.of(FsAccess.READ_DIR)).build(), 7);
        assertEquals(List.of(), compiled.plan().pathRules());
        assertTrue(compiled.report().notes().get(0).contains("read_dir"), compiled.report().notes().toString());
    }

    @Test
    void aRuleThatExposesProcIsWarnedAbout() throws Exception {
        CompiledPolicy root = PolicyCompiler.compile(Policy.builder().readOnly("/").build(), 7);
        assertEquals(List.of("the rule for / covers the whole filesystem, /dev, /proc, /sys included: /dev holds "
                + "every device node; the environment and command line of your other processes can be read in /proc "
                + "(Landlock does not stop that); /sys holds the kernel's and the devices' settings; allow only the "
                + "files the command needs"), root.report().warnings());
        CompiledPolicy proc = PolicyCompiler.compile(Policy.builder().readOnly("/proc").build(), 7);
        assertTrue(proc.report().warnings().stream().anyMatch(w -> w.startsWith("the rule for /proc covers /proc: "
                + "the environment and command line of your other processes")), proc.report().warnings().toString());
        CompiledPolicy usr = PolicyCompiler.compile(Policy.builder().readExec("/usr").build(), 7);
        assertEquals(List.of(), usr.report().notes());
        assertEquals(List.of(), usr.report().warnings());
    }

    @Test
    void aRuleIsJudgedByWhereItLeadsNotHowItIsWritten() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("link"), Path.of("/"));
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().readOnly(link.toString())
                .readOnly("/proc/self/root").readOnly("/proc/self/root/sys").build(), 7);
        List<PlannedPathRule> rules = compiled.plan().pathRules();
        assertEquals(List.of(link + " -> /", "/proc/self/root -> /", "/proc/self/root/sys -> /sys"),
                rules.stream().map(PlannedPathRule::shown).toList());
        assertEquals(List.of(link.toString(), "/proc/self/root", "/proc/self/root/sys"),
                rules.stream().map(PlannedPathRule::path).toList(), "the rule still opens the path as written");
        List<String> warnings = compiled.report().warnings();
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("the rule for " + link + " -> / covers the whole filesystem"));
        assertTrue(warnings.get(1).startsWith("the rule for /proc/self/root -> / covers the whole filesystem"));
        assertTrue(warnings.get(2).startsWith("the rule for /proc/self/root/sys -> /sys covers /sys: "));
        assertTrue(SyscallPreview.lines(compiled.plan()).contains("open(\"" + link + "\", O_PATH|O_CLOEXEC) = 4"
                + "  /* -> / */"), SyscallPreview.lines(compiled.plan()).toString());
    }

    @Test
    void aRuleBeneathABroadAreaIsNotWarnedAbout() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("cpuinfo"), Path.of("/proc/cpuinfo"));
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().readOnly(link.toString())
                .readWrite("/dev/null").readOnly("/sys/kernel").build(), 7);
        assertEquals(List.of(), compiled.report().warnings());
        assertEquals(link + " -> /proc/cpuinfo", compiled.plan().pathRules().get(0).shown());
    }

    @Test
    void aKernelThatLacksPartOfItsAbiIsNeitherAskedForItNorTrusted() throws Exception {
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().build(), 6,
                Set.of(Scope.SIGNAL), "unused", List.of());
        assertEquals(0x1L, compiled.plan().scoped(), "only the abstract socket scope");
        assertTrue(compiled.report().unenforced().contains("sending signals to processes outside the sandbox is not "
                + "restricted: this kernel reports ABI 6 but lacks it"), compiled.report().unenforced().toString());
    }

    @Test
    void udpIsOneSentence() throws Exception {
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().build(), 7);
        assertEquals(List.of("connecting to pathname UNIX sockets is not restricted: needs ABI 9 (Linux 7.1)",
                "UDP is not restricted: needs ABI 10 (Linux 7.2)"), compiled.report().unenforced());
    }

    @Test
    void noLandlockMeansNotEnforced() throws Exception {
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().build(), 0, "no Landlock here", List.of());
        assertEquals(EnforcementReport.Status.NOT_ENFORCED, compiled.report().status());
        assertEquals(List.of("nothing is restricted: no Landlock here"), compiled.report().unenforced());
        assertTrue(!compiled.plan().restrictsAnything());
    }

    /**
     * A launch hands its spawn thread the seccomp filter before it compiles the policy, from
     * {@link PolicyCompiler#seccompPlan}: for every ABI, area and hardening, on a kernel with all of its ABI or one
     * without TCP connect, that is the plan the compiled policy reports.
     */
    @Test
    void theSeccompPlanKnownBeforeCompilingIsTheCompiledOne() throws Exception {
        int checked = 0;
        for (int kernel = 0; kernel <= Abi.LATEST; kernel++) {
            for (int written = 1; written <= Abi.LATEST; written++) {
                for (boolean openNetwork : new boolean[] {false, true}) {
                    for (Set<AccessRight> missing : List.<Set<AccessRight>>of(Set.of(),
                            Set.of(NetAccess.CONNECT_TCP))) {
                        for (SeccompRule harden : List.of(
                                SeccompRule.UDP, SeccompRule.LISTEN)) {
                            Policy policy = Policy.builder().abi(written).unrestrictedNetwork(openNetwork)
                                    .harden(harden).build();
                            LandlockSupport support =
                                    new LandlockSupport(kernel == 0
                                            ? LandlockSupport.Status.NOT_BUILT
                                            : LandlockSupport.Status.AVAILABLE, kernel,
                                            kernel, false, "test", 0, -1, missing);
                            assertEquals(PolicyCompiler.compile(policy, support, List.of()).seccomp(),
                                    PolicyCompiler.seccompPlan(policy, support),
                                    "ABI " + kernel + ", written for " + written + ", network open " + openNetwork
                                            + ", missing " + missing);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(12 * 11 * 2 * 2 * 2, checked);
    }
}
