package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.testing.Probe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filesystem rules on the real kernel: what is allowed works, what is not fails with EACCES. */
class FilesystemEnforcementTest {
    @TempDir
    Path root;
    Path data;
    Path file;

    @BeforeEach
    void layout() throws IOException {
        data = Files.createDirectories(root.resolve("data"));
        file = Files.writeString(data.resolve("file.txt"), "hello");
    }

    private static Sandbox.Builder base() {
        return Sandbox.builder().readExec("/usr");
    }

    @Test
    void readOnlyAllowsReadsAndDeniesWrites() throws IOException {
        Sandbox sandbox = base().readOnly(data.toString()).build();
        List<String> results = Probe.run(sandbox, "read:" + file, "list:" + data, "write:" + file,
                "create:" + data.resolve("new"), "truncate:" + file, "unlink:" + file);
        assertEquals(List.of("ok", "ok", "EACCES", "EACCES", "EACCES", "EACCES"), results);
        assertEquals("hello", Files.readString(file));
        assertFalse(Files.exists(data.resolve("new")));
    }

    @Test
    void readWriteAllowsCreateRemoveAndRenameInside() throws IOException {
        Files.createDirectories(data.resolve("sub"));
        Sandbox sandbox = base().readWrite(data.toString()).build();
        List<String> results = Probe.run(sandbox, "write:" + file, "create:" + data.resolve("new"),
                "mkdir:" + data.resolve("dir"), "rename:" + data.resolve("new") + "=>" + data.resolve("sub/moved"),
                "unlink:" + file, "rmdir:" + data.resolve("dir"), "truncate:" + data.resolve("sub/moved"));
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok", "ok", "ok"), results);
        assertTrue(Files.exists(data.resolve("sub/moved")));
        assertFalse(Files.exists(file));
    }

    @Test
    void denialsOutsideTheRulesLeaveTheDiskUnchanged() throws IOException {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret"), "s3cret");
        Sandbox sandbox = base().readWrite(data.toString()).build();
        List<String> results = Probe.run(sandbox, "read:" + secret, "list:" + outside, "write:" + secret,
                "create:" + outside.resolve("dropped"), "unlink:" + secret);
        assertEquals(List.of("EACCES", "EACCES", "EACCES", "EACCES", "EACCES"), results);
        assertEquals("s3cret", Files.readString(secret));
        assertEquals(List.of(secret), Files.list(outside).toList());
    }

    @Test
    void readExecAllowsExecutingAndReadOnlyDoesNot() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path tool = bin.resolve("tool");
        Files.copy(Path.of("/usr/bin/true"), tool);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals("ok", Probe.one(base().readExec(bin.toString()).build(), "exec:" + tool));
        assertEquals("EACCES", Probe.one(base().readOnly(bin.toString()).build(), "exec:" + tool));
        assertEquals("EACCES", Probe.one(base().readWrite(bin.toString()).build(), "exec:" + tool));
    }

    @Test
    void aFileRuleCoversOnlyThatFile() throws IOException {
        Path sibling = Files.writeString(data.resolve("sibling.txt"), "other");
        Sandbox sandbox = base().readWrite(file.toString()).build();
        List<String> results = Probe.run(sandbox, "read:" + file, "write:" + file, "read:" + sibling,
                "list:" + data, "create:" + data.resolve("new"));
        assertEquals(List.of("ok", "ok", "EACCES", "EACCES", "EACCES"), results);
    }

    @Test
    void nestedRulesAddUpAndTheInnerOneWidensOnlyItsSubtree() throws IOException {
        Path inner = Files.createDirectories(data.resolve("inner"));
        Sandbox sandbox = base().readOnly(data.toString()).readWrite(inner.toString()).build();
        List<String> results = Probe.run(sandbox, "create:" + inner.resolve("a"), "create:" + data.resolve("b"),
                "read:" + file, "list:" + inner);
        assertEquals(List.of("ok", "EACCES", "ok", "ok"), results);
    }

    @Test
    void anExplicitRightSetGrantsExactlyThoseRights() throws IOException {
        Sandbox sandbox = base().path(data.toString(), RightSet.of(FsAccess.READ_FILE, FsAccess.MAKE_DIR)).build();
        List<String> results = Probe.run(sandbox, "read:" + file, "mkdir:" + data.resolve("d"), "list:" + data,
                "create:" + data.resolve("f"));
        assertEquals(List.of("ok", "ok", "EACCES", "EACCES"), results);
    }

    @Test
    void withoutRulesEvenTheCommandCannotRun() {
        Sandbox sandbox = Sandbox.builder().build();
        SandboxException e = assertThrows(SandboxException.class, () -> sandbox.command("/usr/bin/true").start());
        assertEquals(SandboxException.Reason.SPAWN_FAILED, e.reason());
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }

    @Test
    void aMissingPathIsAnErrorThatNamesIt() {
        Path missing = root.resolve("does-not-exist");
        Sandbox sandbox = base().readOnly(missing.toString()).build();
        SandboxException e = assertThrows(SandboxException.class, () -> sandbox.command("/usr/bin/true").start());
        assertEquals(SandboxException.Reason.MISSING_PATH, e.reason());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--ignore-missing"), e.getMessage());
    }

    @Test
    void ignoreMissingSkipsMissingPaths() throws Exception {
        Sandbox sandbox = base().readOnly(root.resolve("does-not-exist").toString()).ignoreMissing(true).build();
        SandboxedProcess process = sandbox.command("/usr/bin/true").start();
        assertEquals(0, process.waitFor());
        assertTrue(process.report().notes().stream().anyMatch(n -> n.contains("does-not-exist")));
    }

    @Test
    void addExecAndLddRunABinaryWithoutAnyDirectoryRule() throws Exception {
        Sandbox sandbox = Sandbox.builder().addExec(true).ldd(true).build();
        SandboxedProcess process = sandbox.command("/usr/bin/ls", "--version").start();
        String out = dev.paddock.core.testing.Streams.drain(process).stdout();
        assertEquals(0, process.waitFor(), out);
        assertTrue(out.contains("ls"), out);
        assertTrue(process.plan().pathRules().stream().anyMatch(r -> r.path().contains("libc.so")));
    }
}
