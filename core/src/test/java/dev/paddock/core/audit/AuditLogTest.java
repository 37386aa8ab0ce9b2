package dev.paddock.core.audit;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.testing.Streams;
import dev.paddock.core.trace.Access;
import dev.paddock.core.trace.Need;
import dev.paddock.core.trace.Operation;
import dev.paddock.core.trace.Trace;
import dev.paddock.core.trace.TraceEntry;
import dev.paddock.core.trace.Verdict;
import org.junit.jupiter.api.Test;

import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reading Landlock's records from the kernel's audit log: the record format of the kernel's documentation, which
 * records belong to a run, which denial of the trace a record confirms; on the real kernel, that the log says
 * plainly when it cannot be read (no CAP_AUDIT_READ, or audit off) while the trace works without it, and, where
 * audit is on, that a denied access is confirmed by the kernel's own record.
 */
class AuditLogTest {
    /** The kernel documentation's samples (Documentation/admin-guide/LSM/landlock.rst), as log lines. */
    private static final List<String> SAMPLE = List.of(
            "type=LANDLOCK_ACCESS msg=audit(1729738800.221:33): domain=1a6fdc679 blockers=fs.write_file "
                    + "path=\"/dev/tty\" dev=\"devtmpfs\" ino=9",
            "type=LANDLOCK_DOMAIN msg=audit(1729738800.221:33): domain=1a6fdc679 status=allocated mode=enforcing "
                    + "pid=289 uid=0 exe=\"/root/sandboxer\" comm=\"sandboxer\"",
            "type=SYSCALL msg=audit(1729738800.221:33): arch=c000003e syscall=257 success=no exit=-13 [...] ppid=272 "
                    + "pid=289 auid=0 uid=0 gid=0 [...] comm=\"sh\" [...]",
            "type=PROCTITLE msg=audit(1729738800.221:33): proctitle=7368002D63006563686F203E202F6574632F706173737764",
            "type=LANDLOCK_ACCESS msg=audit(1729738800.221:34): domain=1a6fdc679 blockers=fs.write_file "
                    + "path=\"/etc/passwd\" dev=\"vda2\" ino=143821",
            "type=SYSCALL msg=audit(1729738800.221:34): arch=c000003e syscall=257 success=no exit=-13 [...] ppid=272 "
                    + "pid=289 auid=0 uid=0 gid=0 [...] comm=\"sh\" [...]",
            "type=UNKNOWN[1423] msg=audit(1729738800.268:30): domain=1a6fdc66f blockers=scope.signal opid=1 "
                    + "ocomm=\"systemd\"",
            "type=1423 msg=audit(1729738801.000:40): domain=195ba459b blockers=fs.make_reg,fs.refer "
                    + "path=2F746D702F6120622F63 dev=\"vda2\" ino=365",
            "type=LANDLOCK_DOMAIN msg=audit(1729738800.261:35): domain=1a6fdc679 status=deallocated denials=2");

    private static List<AuditRecord> sample() {
        List<AuditRecord> records = new ArrayList<>();
        for (String line : SAMPLE) {
            AuditRecord.parseLine(line).ifPresent(records::add);
        }
        return records;
    }

    @Test
    void recordsParseAsTheKernelWritesThem() {
        List<AuditRecord> records = sample();
        assertEquals(SAMPLE.size(), records.size());
        AuditRecord first = records.get(0);
        assertEquals(AuditRecord.LANDLOCK_ACCESS, first.type());
        assertEquals("1729738800.221:33", first.serial());
        assertEquals(Map.of("domain", "1a6fdc679", "blockers", "fs.write_file", "path", "/dev/tty",
                "dev", "devtmpfs", "ino", "9"), first.fields());
        assertEquals(AuditRecord.LANDLOCK_DOMAIN, records.get(1).type());
        assertEquals("/root/sandboxer", records.get(1).fields().get("exe"));
        assertEquals(AuditRecord.LANDLOCK_ACCESS, records.get(6).type(), "UNKNOWN[1423]");
        assertEquals("/tmp/a b/c", records.get(7).fields().get("path"), "a hex-encoded untrusted path");
        assertEquals("1a6fdc66f", AuditRecord.parse(1423, "audit(1729738800.268:30): domain=1a6fdc66f "
                + "blockers=scope.signal opid=1 ocomm=\"systemd\"").orElseThrow().fields().get("domain"),
                "as the netlink socket delivers it");
        assertTrue(AuditRecord.parseLine("Nov 30 kernel: something else").isEmpty());
        assertTrue(AuditRecord.parse(1423, "no stamp here").isEmpty());
    }

    @Test
    void denialsCarryTheirCallersPidAndBelongToTheRunThatMadeThem() {
        List<LandlockDenial> all = LandlockDenial.of(sample());
        assertEquals(4, all.size());
        LandlockDenial passwd = all.get(1);
        assertEquals("/etc/passwd", passwd.path());
        assertEquals(List.of("fs.write_file"), passwd.blockers());
        assertEquals(289, passwd.pid());
        assertEquals(-1, all.get(2).pid(), "an event without a SYSCALL record");
        assertEquals(List.of("fs.make_reg", "fs.refer"), all.get(3).blockers());

        List<LandlockDenial> run = AuditLog.denialsOf(sample(), Set.of(289));
        assertEquals(List.of("/dev/tty", "/etc/passwd"), run.stream().map(LandlockDenial::path).toList());
        assertTrue(AuditLog.denialsOf(sample(), Set.of(4242)).isEmpty(), "another run's pids");
        assertEquals("fs.write_file on /etc/passwd", passwd.describe());
    }

    @Test
    void aRecordConfirmsTheDenialOfTheSameObjectAndRight() {
        List<LandlockDenial> run = AuditLog.denialsOf(sample(), Set.of(289));
        TraceEntry write = entry("/etc/passwd", FsAccess.WRITE_FILE);
        assertEquals("/etc/passwd", AuditLog.confirming(write, run).orElseThrow().path());
        assertTrue(AuditLog.confirming(entry("/etc/passwd", FsAccess.READ_FILE), run).isEmpty(), "another right");
        assertTrue(AuditLog.confirming(entry("/etc/shadow", FsAccess.WRITE_FILE), run).isEmpty(), "another file");
        assertTrue(AuditLog.confirmation(run.get(1)).contains("blockers fs.write_file"));
    }

    private static TraceEntry entry(String path, FsAccess right) {
        Access access = new Access(Operation.WRITE, path, null, -1,
                List.of(new Need.OnPath(path, false, Set.of(right), Need.Role.OBJECT)));
        Verdict verdict = new Verdict(Verdict.Kind.DENIED, Set.of(right), path, List.of(), null, Verdict.EACCES,
                "no rule grants it", null);
        return new TraceEntry("/usr/bin/sh", access, verdict, 1, Instant.now(), Instant.now());
    }

    @Test
    void asRootTheLogReadsOrSaysThatAuditIsOff() {
        assumeTrue(isRoot(), "the JVM runs as root");
        try (AuditLog log = AuditLog.open()) {
            int enabled = Netlink.enabled();
            assertEquals(enabled != 0, log.readable(), log.status());
            if (enabled == 0) {
                assertTrue(log.status().contains("audit is off"), log.status());
            }
        }
    }

    @Test
    void withoutCapAuditReadTheLogIsNotReadableAndTheTraceStillWorks() throws Exception {
        AtomicReference<AuditLog> opened = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        // capabilities are per thread: this short-lived thread drops CAP_AUDIT_READ, as a desktop user lacks it
        Thread thread = new Thread(() -> {
            try {
                dropCapAuditRead();
                opened.set(AuditLog.open());
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "no-cap-audit-read");
        thread.start();
        thread.join();
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
        try (AuditLog log = opened.get()) {
            assertFalse(log.readable());
            assertTrue(log.status().contains("not readable: reading it needs CAP_AUDIT_READ"), log.status());
            assertTrue(log.denialsOf(Set.of(1)).isEmpty());
        }
        SandboxedProcess process = Sandbox.builder().readExec("/usr").build()
                .command("/usr/bin/cat", "/etc/hostname").redirectError(Redirect.DISCARD).trace().start();
        Streams.read(process.getInputStream());
        assertEquals(1, process.waitFor());
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(5, TimeUnit.SECONDS));
        assertTrue(trace.denials().stream().anyMatch(d -> "/etc/hostname".equals(d.access().path())),
                trace.entries().toString());
    }

    /**
     * Where the kernel's audit is on (or, for this test only, {@code PADDOCK_TEST_AUDIT=1} or
     * {@code -Dpaddock.test.enableAudit=true} turns it on for the test and back off after, as .ci/run asks), a denied access of a traced run is in the log, attributed to the run, and
     * confirms the trace's denial.
     */
    @Test
    void aDeniedAccessIsConfirmedByTheKernelsOwnRecord() throws Exception {
        assumeTrue(isRoot(), "reading the audit log needs root");
        int enabled = Netlink.enabled();
        boolean enable = enabled == 0 && (Boolean.getBoolean("paddock.test.enableAudit")
                || "1".equals(System.getenv("PADDOCK_TEST_AUDIT")));
        assumeTrue(enabled > 0 || enable, "audit is off in this kernel (set PADDOCK_TEST_AUDIT=1 to turn it on for "
                + "this test)");
        if (enable) {
            int failed = setEnabled(1);
            assumeTrue(failed == 0, "asked to turn the kernel's audit on, but the kernel refused (errno " + -failed
                    + "): this machine does not let even root change it");
        }
        try (AuditLog log = AuditLog.open()) {
            assertTrue(log.readable(), log.status());
            SandboxedProcess process = Sandbox.builder().readExec("/usr").auditFlag(AuditFlag.LOG_NEW_EXEC_ON)
                    .build().command("/usr/bin/cat", "/etc/hostname").redirectError(Redirect.DISCARD).trace().start();
            Streams.read(process.getInputStream());
            assertEquals(1, process.waitFor());
            Trace trace = process.trace().orElseThrow();
            assertTrue(trace.awaitEnd(5, TimeUnit.SECONDS));
            log.settle(Duration.ofMillis(200), Duration.ofSeconds(3));
            List<LandlockDenial> run = log.denialsOf(Set.of((int) process.pid(), (int) ProcessHandle.current().pid()));
            LandlockDenial hostname = run.stream().filter(d -> "/etc/hostname".equals(d.path())).findFirst()
                    .orElseThrow(() -> new AssertionError("no record for /etc/hostname among " + log.records()));
            assertTrue(hostname.blockers().contains("fs.read_file"), hostname.toString());
            TraceEntry denial = trace.denials().stream().filter(d -> "/etc/hostname".equals(d.access().path()))
                    .findFirst().orElseThrow();
            assertEquals(hostname, AuditLog.confirming(denial, run).orElseThrow());
        } finally {
            if (enable) {
                assertEquals(0, setEnabled(0), "turn audit back off");
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** AUDIT_SET with mask AUDIT_STATUS_ENABLED: needs CAP_AUDIT_CONTROL. */
    private static int setEnabled(int value) {
        return Netlink.request(1001, new int[] {1, value}, 0);
    }

    private static void dropCapAuditRead() {
        boolean arm = System.getProperty("os.arch").equals("aarch64");
        long capget = arm ? 90 : 125;
        long capset = arm ? 91 : 126;
        try (Memory header = new Memory(8); Memory data = new Memory(24)) {
            header.setInt(0, 0x20080522); // _LINUX_CAPABILITY_VERSION_3
            header.setInt(4, 0);
            if (LibC.syscall(capget, Pointer.nativeValue(header), Pointer.nativeValue(data),
                    0, 0) != 0) {
                throw new IllegalStateException("capget: " + LibC.describe(LibC.errno()));
            }
            int capAuditRead = 37 - 32;
            data.setInt(12, data.getInt(12) & ~(1 << capAuditRead)); // data[1].effective
            if (LibC.syscall(capset, Pointer.nativeValue(header), Pointer.nativeValue(data),
                    0, 0) != 0) {
                throw new IllegalStateException("capset: " + LibC.describe(LibC.errno()));
            }
        }
    }
}
