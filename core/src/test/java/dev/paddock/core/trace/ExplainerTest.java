package dev.paddock.core.trace;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.interop.LandrunCommandLine;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.policy.PolicyCompiler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one sentence the CLI and the app say for a verdict, and the rules that cover a path. */
class ExplainerTest {

    private static AccessModel model() throws Exception {
        Policy policy = Policy.builder().readExec("/usr").readOnly("/usr/share").connectTcp(443).command("/usr/bin/ls")
                .build();
        return new AccessModel(PolicyCompiler.compile(policy, 7).plan());
    }

    @Test
    void aDenialSaysWhatIsMissingWhereInOneSentence() throws Exception {
        Verdict list = model().judge(new Access(Operation.LIST, "/etc", null, -1, List.of(
                new Need.OnPath("/etc", true, Set.of(FsAccess.READ_DIR), Need.Role.OBJECT))));
        assertEquals("read_dir on /etc: no rule grants listing /etc or a folder above it", Explainer.sentence(list));

        Verdict create = model().judge(new Access(Operation.CREATE, "/tmp/out/new", null, -1, List.of(
                new Need.OnPath("/tmp/out", true, Set.of(FsAccess.MAKE_REG), Need.Role.PARENT))));
        assertEquals("make_reg on /tmp/out: no rule grants creating files in /tmp/out or a folder above it",
                Explainer.sentence(create));

        Verdict port = model().judge(new Access(Operation.CONNECT_TCP, null, null, 80, List.of(
                new Need.OnPort(NetAccess.CONNECT_TCP, 80))));
        assertEquals("connect_tcp on TCP port 80: no rule allows " + NetAccess.CONNECT_TCP.activity() + " on port 80",
                Explainer.sentence(port));
    }

    @Test
    void aListingIsAllowedByReadDirAloneNotRo() throws Exception {
        Verdict list = model().judge(new Access(Operation.LIST, "/", null, -1, List.of(
                new Need.OnPath("/", true, Set.of(FsAccess.READ_DIR), Need.Role.OBJECT))));
        Fix fix = list.fix();
        assertTrue(fix.listingOnly(), "listing / needs read_dir alone: ro would read every file on the disk");
        assertEquals(RightSet.of(FsAccess.READ_DIR), fix.access());
        assertEquals("--list /", fix.flag());
        assertEquals("read_dir on the directory /", fix.describe());
        assertTrue(String.join("\n", Explainer.denial(new TraceEntry("/usr/bin/ls", new Access(Operation.LIST, "/", null, -1, List.of()), list, 1, null, null)))
                .contains("fix: allow read_dir on the directory /: add --list /"));
        Policy listed = LandrunCommandLine.parse(List.of("--list", "/", "--", "/usr/bin/ls"), null).policy();
        assertEquals(List.of(new PathRule("/", RightSet.of(FsAccess.READ_DIR))), listed.paths(),
                "the flag the explanation prints adds exactly that rule");

        Verdict read = model().judge(new Access(Operation.READ, "/etc/passwd", null, -1, List.of(
                new Need.OnPath("/etc/passwd", false, Set.of(FsAccess.READ_FILE), Need.Role.OBJECT))));
        assertEquals(AccessMode.RO, read.fix().access(), "reading a file still takes ro on that file");
        assertEquals("--ro /etc/passwd", read.fix().flag());
    }

    @Test
    void anAllowedAccessIsItsReason() throws Exception {
        Verdict read = model().judge(new Access(Operation.READ, "/usr/share/doc", null, -1, List.of(
                new Need.OnPath("/usr/share/doc", false, Set.of(FsAccess.READ_FILE), Need.Role.OBJECT))));
        assertEquals(read.reason(), Explainer.sentence(read));
        assertEquals(Verdict.Kind.ALLOWED, read.kind());
    }

    @Test
    void theRulesCoveringAPathComeNearestFirst() throws Exception {
        List<String> covering = model().covering("/usr/share/doc/x").stream().map(PlannedPathRule::path).toList();
        assertEquals(List.of("/usr/share", "/usr"), covering);
        assertEquals(List.of(), model().covering("/etc/passwd"));
    }

    @Test
    void oneProcessesProcEntryIsAllowedOnlyByARuleOnProcAndSaysWhatThatExposes() throws Exception {
        Verdict read = model().judge(new Access(Operation.READ, "/proc/4812/mounts", null, -1, List.of(
                new Need.OnPath("/proc/4812/mounts", false, Set.of(FsAccess.READ_FILE), Need.Role.OBJECT))));
        assertEquals("--ro /proc", read.fix().flag(), "a rule on /proc/4812/mounts would name one run's process");
        assertTrue(read.fix().directory());
        assertEquals("ro on the directory /proc (" + Fix.WHOLE_PROC + ")", read.fix().describe());
        Verdict list = model().judge(new Access(Operation.LIST, "/proc/4812/task/4813/fd", null, -1, List.of(
                new Need.OnPath("/proc/4812/task/4813/fd", true, Set.of(FsAccess.READ_DIR), Need.Role.OBJECT))));
        assertEquals("--list /proc", list.fix().flag());
        Verdict other = model().judge(new Access(Operation.READ, "/proc/filesystems", null, -1, List.of(
                new Need.OnPath("/proc/filesystems", false, Set.of(FsAccess.READ_FILE), Need.Role.OBJECT))));
        assertEquals("--ro /proc/filesystems", other.fix().flag(), "a file of no one process keeps its own rule");
        assertEquals(null, other.fix().caveat());

        TraceEntry reading = new TraceEntry("/usr/bin/ls", new Access(Operation.READ, "/proc/4812/mounts", null, -1,
                List.of()), read, 1, null, null);
        TraceEntry listing = new TraceEntry("/usr/bin/ls", new Access(Operation.LIST, "/proc/4812/task/4813/fd",
                null, -1, List.of()), list, 1, null, null);
        assertTrue(String.join("\n", Explainer.denial(reading)).contains("fix: allow ro on the directory /proc ("
                + Fix.WHOLE_PROC + "): add --ro /proc"));
        TraceEntry filesystems = new TraceEntry("/usr/bin/ls", new Access(Operation.READ, "/proc/filesystems", null,
                -1, List.of()), other, 1, null, null);
        assertEquals(List.of("--ro /proc"), Explainer.fixes(List.of(filesystems, listing, reading)),
                "a listing and a read of /proc merge into one rule, which also reads /proc/filesystems");
        assertEquals(List.of("--list /proc", "--ro /proc/filesystems"), Explainer.fixes(List.of(listing,
                filesystems)), "a listing of /proc reads no file in it");

        assertTrue(Fix.isProcessEntry("/proc/self"));
        assertTrue(Fix.isProcessEntry("/proc/thread-self/stat"));
        assertTrue(Fix.isProcessEntry("/proc/1/cmdline"));
        assertTrue(!Fix.isProcessEntry("/proc") && !Fix.isProcessEntry("/proc/sys/kernel")
                && !Fix.isProcessEntry("/proc/1x") && !Fix.isProcessEntry("/procfs/1"));
    }
}
