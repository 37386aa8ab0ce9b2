package dev.paddock.core.policy;

import dev.paddock.core.landlock.LandlockStructs;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.PlannedPortRule;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.landlock.SyscallPreview;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ABI 8 to 11, which this machine's kernel (ABI 7) cannot run: the plan is built for each, and every byte that would
 * go to the kernel is checked (the landlock_ruleset_attr with the size the ABI passes, each rule's attr and flags,
 * and restrict_self's flags), as is the preview that shows them. Nothing is mocked: these are the bytes
 * {@code Landlock} hands to the system calls.
 */
class NewAbiPlansTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void littleEndian() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(), "the expected bytes are little-endian");
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A little-endian __u64, as 16 hex digits. */
    static String u64(long value) {
        return hex(java.nio.ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    static CompiledPolicy compile(int abi) throws Exception {
        return PolicyCompiler.compile(Policy.builder().readExec(dir.toString()).bindTcp(8080).connectTcp(443)
                .build(), abi);
    }

    @ParameterizedTest(name = "ABI {0}")
    @ValueSource(ints = {8, 9, 10, 11})
    void everyByteOfTheRulesetAttr(int abi) throws Exception {
        RulesetPlan plan = compile(abi).plan();
        long fs = abi >= 9 ? 0x1ffffL : 0xffffL;
        long net = abi >= 10 ? 0xfL : 0x3L;
        assertEquals(fs, plan.handledFs());
        assertEquals(net, plan.handledNet());
        assertEquals(0x3L, plan.scoped());
        String expected = u64(fs) + u64(net) + u64(0x3) + (abi >= 10 ? u64(0) + u64(0) + u64(0) : "");
        assertEquals(expected, hex(LandlockStructs.rulesetAttr(plan)));
        assertEquals(abi >= 10 ? 48 : 24, LandlockStructs.rulesetAttr(plan).length);
        assertEquals(0L, plan.restrictFlags(), "Paddock sets neither TSYNC nor NO_NEW_PRIVS");
    }

    @ParameterizedTest(name = "ABI {0}")
    @ValueSource(ints = {8, 9, 10, 11})
    void everyByteOfEachRule(int abi) throws Exception {
        RulesetPlan plan = compile(abi).plan();
        PlannedPathRule path = plan.pathRules().get(0);
        assertEquals(1, plan.pathRules().size());
        assertEquals("0d00000000000000" + "04000000", hex(LandlockStructs.pathBeneathAttr(path.allowed(), 4)),
                "execute|read_file|read_dir, parent_fd 4, packed");
        assertEquals(0L, path.flags());
        List<String> ports = new ArrayList<>();
        for (PlannedPortRule rule : plan.portRules()) {
            ports.add(hex(LandlockStructs.netPortAttr(rule.allowed(), rule.port())) + "/" + rule.flags());
        }
        assertEquals(List.of(u64(0x2) + u64(443) + "/0", u64(0x1) + u64(8080) + "/0"), ports);
    }

    @ParameterizedTest(name = "ABI {0}")
    @ValueSource(ints = {8, 9, 10, 11})
    void udpRulesGoToTheKernelFromAbi10(int abi) throws Exception {
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().connectTcp(53).connectUdp(53).bindUdp(5353)
                .build(), abi).plan();
        List<String> ports = new ArrayList<>();
        for (PlannedPortRule rule : plan.portRules()) {
            ports.add(hex(LandlockStructs.netPortAttr(rule.allowed(), rule.port())) + "/" + rule.flags());
        }
        if (abi >= 10) {
            assertEquals(List.of(u64(0x2 | 0x8) + u64(53) + "/0", u64(0x4) + u64(5353) + "/0"), ports);
            assertEquals(List.of("landlock_add_rule(3, LANDLOCK_RULE_NET_PORT, &(struct landlock_net_port_attr){",
                    "    .allowed_access = 0xa /* connect_tcp|connect_send_udp */,", "    .port = 53,", "}, 0) = 0",
                    "landlock_add_rule(3, LANDLOCK_RULE_NET_PORT, &(struct landlock_net_port_attr){",
                    "    .allowed_access = 0x4 /* bind_udp */,", "    .port = 5353,", "}, 0) = 0"),
                    SyscallPreview.lines(plan).subList(8, 16));
        } else {
            assertEquals(List.of(u64(0x2) + u64(53) + "/0"), ports);
        }
    }

    @ParameterizedTest(name = "ABI {0}")
    @ValueSource(ints = {8, 9, 10, 11})
    void quietRulesGoToTheKernelFromAbi10(int abi) throws Exception {
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().rule(new PathRule(dir.toString(), AccessMode.RO,
                true)).connectUdp(53).quietPorts(53).build(), abi).plan();
        long fs = abi >= 9 ? 0x1ffffL : 0xffffL;
        long net = abi >= 10 ? 0xfL : 0x3L;
        boolean quiet = abi >= 10;
        String expected = u64(fs) + u64(net) + u64(0x3) + (quiet ? u64(fs) + u64(net) + u64(0) : "");
        assertEquals(expected, hex(LandlockStructs.rulesetAttr(plan)));
        assertEquals("0c00000000000000" + "04000000", hex(LandlockStructs.pathBeneathAttr(plan.pathRules().get(0)
                .allowed(), 4)), "read_file|read_dir");
        assertEquals(quiet ? 1L : 0L, plan.pathRules().get(0).flags(), "LANDLOCK_ADD_RULE_QUIET is 1U << 0");
        List<String> preview = SyscallPreview.lines(plan);
        if (quiet) {
            assertEquals(u64(0x8) + u64(53), hex(LandlockStructs.netPortAttr(plan.portRules().get(0).allowed(),
                    plan.portRules().get(0).port())));
            assertEquals(1L, plan.portRules().get(0).flags());
            assertEquals("    .quiet_access_fs    = 0x1ffff /* execute|write_file|read_file|read_dir|remove_dir|"
                    + "remove_file|make_char|make_dir|make_reg|make_sock|make_fifo|make_block|make_sym|refer|truncate|"
                    + "ioctl_dev|resolve_unix */,", preview.get(4));
            assertEquals("    .quiet_access_net   = 0xf /* bind_tcp|connect_tcp|bind_udp|connect_send_udp */,",
                    preview.get(5));
            assertEquals(2, preview.stream().filter(line -> line.equals("}, LANDLOCK_ADD_RULE_QUIET) = 0")).count());
        } else {
            assertEquals(List.of(), plan.portRules(), "no UDP before ABI 10, so no rule for port 53");
            assertTrue(preview.stream().noneMatch(line -> line.contains("QUIET") || line.contains("quiet")));
        }
    }

    @ParameterizedTest(name = "ABI {0}")
    @ValueSource(ints = {10, 11})
    void aPolicyWrittenForAbi9HandlesNoUdpOnNewerKernelsButPassesTheirStructSize(int abi) throws Exception {
        RulesetPlan plan = PolicyCompiler.compile(Policy.builder().abi(9).readExec(dir.toString()).connectTcp(443)
                .connectUdp(53).build(), abi).plan();
        assertEquals(u64(0x1ffff) + u64(0x3) + u64(0x3) + u64(0) + u64(0) + u64(0),
                hex(LandlockStructs.rulesetAttr(plan)), "the kernel's ABI decides the size, the policy the masks");
        assertEquals(List.of(u64(0x2) + u64(443)), plan.portRules().stream().map(rule -> hex(LandlockStructs
                .netPortAttr(rule.allowed(), rule.port()))).toList());
    }

    @ParameterizedTest(name = "ABI {0}")
    @ValueSource(ints = {8, 9, 10, 11})
    void thePreviewShowsExactlyThoseCalls(int abi) throws Exception {
        List<String> expected = new ArrayList<>();
        expected.add("landlock_create_ruleset(&(struct landlock_ruleset_attr){");
        expected.add(abi >= 9
                ? "    .handled_access_fs  = 0x1ffff /* execute|write_file|read_file|read_dir|remove_dir|remove_file|"
                + "make_char|make_dir|make_reg|make_sock|make_fifo|make_block|make_sym|refer|truncate|ioctl_dev|"
                + "resolve_unix */,"
                : "    .handled_access_fs  = 0xffff /* execute|write_file|read_file|read_dir|remove_dir|remove_file|"
                + "make_char|make_dir|make_reg|make_sock|make_fifo|make_block|make_sym|refer|truncate|ioctl_dev */,");
        expected.add(abi >= 10 ? "    .handled_access_net = 0xf /* bind_tcp|connect_tcp|bind_udp|connect_send_udp */,"
                : "    .handled_access_net = 0x3 /* bind_tcp|connect_tcp */,");
        expected.add("    .scoped             = 0x3 /* abstract_unix_socket|signal */,");
        if (abi >= 10) {
            expected.add("    .quiet_access_fs    = 0x0,");
            expected.add("    .quiet_access_net   = 0x0,");
            expected.add("    .quiet_scoped       = 0x0,");
        }
        expected.add("}, " + (abi >= 10 ? 48 : 24) + ", 0) = 3");
        expected.add("open(\"" + dir + "\", O_PATH|O_CLOEXEC) = 4");
        expected.add("landlock_add_rule(3, LANDLOCK_RULE_PATH_BENEATH, &(struct landlock_path_beneath_attr){");
        expected.add("    .allowed_access = 0xd /* execute|read_file|read_dir */,");
        expected.add("    .parent_fd = 4,  /* directory */");
        expected.add("}, 0) = 0");
        expected.add("close(4) = 0");
        expected.add("landlock_add_rule(3, LANDLOCK_RULE_NET_PORT, &(struct landlock_net_port_attr){");
        expected.add("    .allowed_access = 0x2 /* connect_tcp */,");
        expected.add("    .port = 443,");
        expected.add("}, 0) = 0");
        expected.add("landlock_add_rule(3, LANDLOCK_RULE_NET_PORT, &(struct landlock_net_port_attr){");
        expected.add("    .allowed_access = 0x1 /* bind_tcp */,");
        expected.add("    .port = 8080,");
        expected.add("}, 0) = 0");
        expected.add("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
        expected.add("landlock_restrict_self(3, 0) = 0");
        expected.add("close(3) = 0");
        expected.add("posix_spawn(...)  /* the child inherits the sandbox; the JVM's own threads never do */");
        assertEquals(expected, SyscallPreview.lines(compile(abi).plan()));
    }
}
