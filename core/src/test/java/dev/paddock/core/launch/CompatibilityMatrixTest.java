package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.testing.AbiCap;
import dev.paddock.core.testing.Probe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ABI from 1 to 7 (capped on this kernel), in best-effort and strict: the report is exact, and the real
 * behaviour matches it (what the report says is not restricted really is not, and the rest really is).
 */
class CompatibilityMatrixTest {
    @TempDir
    Path root;
    Path readOnly;
    Path writable;

    @BeforeEach
    void layout() throws IOException {
        readOnly = Files.createDirectories(root.resolve("ro"));
        writable = Files.createDirectories(root.resolve("rw"));
        Files.createDirectories(writable.resolve("a"));
        Files.createDirectories(writable.resolve("b"));
        Files.writeString(readOnly.resolve("file"), "keep me");
        Files.writeString(writable.resolve("a/moved"), "x");
    }

    private Sandbox.Builder policy() {
        return Sandbox.builder().readExec("/usr").readOnly(readOnly.toString()).readWrite(writable.toString());
    }

    static List<String> expectedGaps(int abi) {
        List<String> gaps = new ArrayList<>();
        if (abi < 2) {
            gaps.add("moving and linking files between directories is not restricted: needs ABI 2 (Linux 5.19)");
        }
        if (abi < 3) {
            gaps.add("truncating files is not restricted: needs ABI 3 (Linux 6.2)");
        }
        if (abi < 4) {
            gaps.add("binding TCP ports is not restricted: needs ABI 4 (Linux 6.7)");
            gaps.add("connecting to TCP ports is not restricted: needs ABI 4 (Linux 6.7)");
        }
        if (abi < 5) {
            gaps.add("ioctl on devices is not restricted: needs ABI 5 (Linux 6.10)");
        }
        if (abi < 6) {
            gaps.add("connecting to abstract UNIX sockets outside the sandbox is not restricted: needs ABI 6 "
                    + "(Linux 6.12)");
            gaps.add("sending signals to processes outside the sandbox is not restricted: needs ABI 6 (Linux 6.12)");
        }
        gaps.add("connecting to pathname UNIX sockets is not restricted: needs ABI 9 (Linux 7.1)");
        gaps.add("UDP is not restricted: needs ABI 10 (Linux 7.2)");
        return gaps;
    }

    @ParameterizedTest(name = "best-effort on ABI {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void bestEffortReportsEachMissingRestrictionAndBehavesAsReported(int abi) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long jvm = ProcessHandle.current().pid();
            List<String> ops = List.of("truncate:" + readOnly.resolve("file"), "connect:" + server.getLocalPort(),
                    "kill:" + jvm, "rename:" + writable.resolve("a/moved") + "=>" + writable.resolve("b/moved"),
                    "write:" + readOnly.resolve("file"));
            SandboxedProcess process = AbiCap.with(abi, () -> policy().build().command(
                    Probe.command(ops.toArray(String[]::new))).start());
            List<String> results = Probe.Outputs.collect(process, ops.size());

            EnforcementReport report = process.report();
            assertEquals(EnforcementReport.Status.PARTIALLY_ENFORCED, report.status());
            assertEquals(abi, report.abi());
            assertEquals(expectedGaps(abi), report.unenforced());

            assertEquals(abi >= 3 ? "EACCES" : "ok", results.get(0), "truncate on ABI " + abi);
            assertEquals(abi >= 4 ? "EACCES" : "ok", results.get(1), "connect on ABI " + abi);
            assertEquals(abi >= 6 ? "EPERM" : "ok", results.get(2), "signal on ABI " + abi);
            // ABI 1 cannot handle REFER, and then the kernel always denies moving files between directories.
            assertEquals(abi >= 2 ? "ok" : "EXDEV", results.get(3), "rename across directories on ABI " + abi);
            assertEquals("EACCES", results.get(4), "write on ABI " + abi);
            if (abi == 1) {
                assertTrue(report.notes().stream().anyMatch(n -> n.contains("always denied on ABI 1")));
            }
        }
    }

    @ParameterizedTest(name = "strict on ABI {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void strictRefusesAnythingLessThanFullEnforcement(int abi) {
        SandboxException e = assertThrows(SandboxException.class,
                () -> AbiCap.with(abi, () -> policy().strict().build().command("/usr/bin/true").start()));
        assertEquals(SandboxException.Reason.NOT_FULLY_ENFORCED, e.reason());
        assertEquals("strict mode refuses to run because " + String.join("; ", expectedGaps(abi))
                + " (use best-effort to run with what this kernel enforces: --best-effort; in a profile, \"compatibility\": \"best-effort\")", e.getMessage());
    }

    @ParameterizedTest(name = "strict scopes policy on ABI {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void strictRunsWhenEverythingRequestedIsEnforced(int abi) throws Exception {
        Sandbox sandbox = Sandbox.builder().unrestrictedFilesystem(true).unrestrictedNetwork(true).strict().build();
        if (abi >= 6) {
            SandboxedProcess process = AbiCap.with(abi, () -> sandbox.command("/usr/bin/true").start());
            assertEquals(0, process.waitFor());
            assertEquals(EnforcementReport.Status.FULLY_ENFORCED, process.report().status());
        } else {
            SandboxException e = assertThrows(SandboxException.class,
                    () -> AbiCap.with(abi, () -> sandbox.command("/usr/bin/true").start()));
            assertTrue(e.getMessage().contains("needs ABI 6 (Linux 6.12)"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "strict network-and-scopes policy written for ABI 9, on ABI {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void strictRunsAPolicyWrittenForAbi9WhenEverythingItRequestsIsEnforced(int abi) throws Exception {
        Sandbox sandbox = Sandbox.builder().abi(9).unrestrictedFilesystem(true).strict().build();
        if (abi >= 6) {
            SandboxedProcess process = AbiCap.with(abi, () -> sandbox.command("/usr/bin/true").start());
            assertEquals(0, process.waitFor());
            assertEquals(EnforcementReport.Status.FULLY_ENFORCED, process.report().status());
        } else {
            SandboxException e = assertThrows(SandboxException.class,
                    () -> AbiCap.with(abi, () -> sandbox.command("/usr/bin/true").start()));
            assertTrue(e.getMessage().contains("needs ABI 6 (Linux 6.12)"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "strict network policy on ABI {0}")
    @ValueSource(ints = {4, 5, 6, 7})
    void strictRefusesANetworkPolicyBecauseUdpNeedsAbi10(int abi) {
        Sandbox sandbox = Sandbox.builder().unrestrictedFilesystem(true).unrestrictedScopes(true).strict().build();
        SandboxException e = assertThrows(SandboxException.class,
                () -> AbiCap.with(abi, () -> sandbox.command("/usr/bin/true").start()));
        assertEquals("strict mode refuses to run because UDP is not restricted: needs ABI 10 (Linux 7.2) (use "
                + "best-effort to run with what this kernel enforces: --best-effort; in a profile, \"compatibility\": \"best-effort\")", e.getMessage());
    }
}
