package dev.paddock.core.landlock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One table of every Landlock constant Paddock models, with the value in the kernel's include/uapi/linux/landlock.h
 * (the C name, the bit, the ABI that brought it and that ABI's mainline release), and the structures' sizes and
 * offsets as build_check_abi() in security/landlock/syscalls.c asserts them. The model must match it row for row, and
 * every constant of the model must be in it.
 */
class UapiTableTest {

    private record Row(String kernelName, long bit, int abi, String linux) {
    }

    private static final List<Row> HEADER = List.of(
            new Row("LANDLOCK_ACCESS_FS_EXECUTE", 1L << 0, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_WRITE_FILE", 1L << 1, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_READ_FILE", 1L << 2, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_READ_DIR", 1L << 3, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_REMOVE_DIR", 1L << 4, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_REMOVE_FILE", 1L << 5, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_MAKE_CHAR", 1L << 6, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_MAKE_DIR", 1L << 7, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_MAKE_REG", 1L << 8, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_MAKE_SOCK", 1L << 9, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_MAKE_FIFO", 1L << 10, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_MAKE_BLOCK", 1L << 11, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_MAKE_SYM", 1L << 12, 1, "5.13"),
            new Row("LANDLOCK_ACCESS_FS_REFER", 1L << 13, 2, "5.19"),
            new Row("LANDLOCK_ACCESS_FS_TRUNCATE", 1L << 14, 3, "6.2"),
            new Row("LANDLOCK_ACCESS_FS_IOCTL_DEV", 1L << 15, 5, "6.10"),
            new Row("LANDLOCK_ACCESS_FS_RESOLVE_UNIX", 1L << 16, 9, "7.1"),
            new Row("LANDLOCK_ACCESS_NET_BIND_TCP", 1L << 0, 4, "6.7"),
            new Row("LANDLOCK_ACCESS_NET_CONNECT_TCP", 1L << 1, 4, "6.7"),
            new Row("LANDLOCK_ACCESS_NET_BIND_UDP", 1L << 2, 10, "7.2"),
            new Row("LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP", 1L << 3, 10, "7.2"),
            new Row("LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET", 1L << 0, 6, "6.12"),
            new Row("LANDLOCK_SCOPE_SIGNAL", 1L << 1, 6, "6.12"),
            new Row("LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF", 1L << 0, 7, "6.15"),
            new Row("LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON", 1L << 1, 7, "6.15"),
            new Row("LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF", 1L << 2, 7, "6.15"),
            new Row("LANDLOCK_RESTRICT_SELF_TSYNC", 1L << 3, 8, "7.0"),
            new Row("LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS", 1L << 4, 11, "7.3"),
            new Row("LANDLOCK_ADD_RULE_QUIET", 1L << 0, 10, "7.2"),
            new Row("LANDLOCK_CREATE_RULESET_VERSION", 1L << 0, 1, "5.13"),
            new Row("LANDLOCK_CREATE_RULESET_ERRATA", 1L << 1, 7, "6.15"));

    @Test
    void everyConstantMatchesTheHeader() {
        Map<String, Row> model = new LinkedHashMap<>();
        List<AccessRight> all = new ArrayList<>();
        all.addAll(List.of(FsAccess.values()));
        all.addAll(List.of(NetAccess.values()));
        all.addAll(List.of(Scope.values()));
        all.addAll(List.of(AuditFlag.values()));
        all.addAll(List.of(RestrictFlag.values()));
        all.addAll(List.of(RuleFlag.values()));
        all.addAll(List.of(CreateFlag.values()));
        for (AccessRight right : all) {
            model.put(right.kernelName(), new Row(right.kernelName(), right.bit(), right.abi(), right.kernel()));
        }
        assertEquals(HEADER, List.copyOf(model.values()));
    }

    @Test
    void theRulesetAttrGrowsFieldByFieldAndEachAbiPassesItsOwnSize() {
        assertEquals(List.of("handled_access_fs@0", "handled_access_net@8", "scoped@16", "quiet_access_fs@24",
                "quiet_access_net@32", "quiet_scoped@40"), java.util.Arrays.stream(RulesetField.values())
                .map(f -> f.cName() + "@" + f.offset()).toList());
        int[] expected = {0, 8, 8, 8, 16, 16, 24, 24, 24, 24, 48, 48};
        for (int abi = 1; abi <= Abi.LATEST; abi++) {
            assertEquals(expected[abi], Abi.rulesetAttrSize(abi), "ABI " + abi);
            assertEquals(expected[abi], LandlockStructs.rulesetAttr(abi, 1, 0, 0, 0, 0, 0).length, "ABI " + abi);
        }
        assertEquals(12, LandlockStructs.pathBeneathAttr(0, 0).length, "landlock_path_beneath_attr is packed");
        assertEquals(16, LandlockStructs.netPortAttr(0, 0).length);
    }

    @Test
    void theAbiTableEndsAtLinux73() {
        assertEquals(11, Abi.LATEST);
        List<String> kernels = new ArrayList<>();
        for (int abi = 1; abi <= Abi.LATEST; abi++) {
            kernels.add(Abi.kernelFor(abi));
        }
        assertEquals(List.of("5.13", "5.19", "6.2", "6.7", "6.10", "6.12", "6.15", "7.0", "7.1", "7.2", "7.3"),
                kernels);
    }

    @Test
    void errataAreNumberedAsTheKernelReportsThem() {
        assertEquals(List.of("1@4:1", "2@6:2", "3@1:4", "4@1:8"), java.util.Arrays.stream(Erratum.values())
                .map(e -> e.number() + "@" + e.abi() + ":" + e.bit()).toList());
    }
}
