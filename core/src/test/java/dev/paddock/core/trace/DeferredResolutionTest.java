package dev.paddock.core.trace;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.sys.CStrings;
import dev.paddock.core.sys.LibC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pieces that let the supervisor answer an open before it resolves and judges it: resolving from an anchor
 * read while the caller waited gives what resolving through the caller's /proc entries gives, the paths handed to
 * the native calls are the same bytes JNA would pass, and the model's fast rule matching agrees with Path's.
 */
class DeferredResolutionTest {
    private final ChildFiles files = new ChildFiles(Architecture.current().orElseThrow());
    private final int self = (int) ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        files.close();
    }

    @Test
    void resolvingFromAnAnchorAgreesWithResolvingThroughTheCallersProcEntries() throws Exception {
        Path real = dir.toRealPath();
        Files.createDirectories(real.resolve("sub/deeper"));
        Files.writeString(real.resolve("sub/file"), "x");
        Files.createSymbolicLink(real.resolve("sub/link"), real.resolve("sub/file"));
        Files.createSymbolicLink(real.resolve("sub/dangling"), real.resolve("sub/nothing-here"));
        Files.createSymbolicLink(real.resolve("hop"), Path.of("sub"));
        List<String> raws = List.of("file", "link", "dangling", "missing", "deeper", "deeper/../file", "../hop/file",
                "../hop/link", "./file", ".", "..", real.resolve("sub/link").toString(), real + "/hop/deeper");
        int dirfd = LibC.open(real.resolve("sub").toString(), 0x10000 | 0x80000);
        assertTrue(dirfd >= 0, "open the directory");
        try {
            String anchor = files.anchor(self, dirfd);
            assertEquals(real.resolve("sub").toString(), anchor);
            for (String raw : raws) {
                for (boolean follow : new boolean[] {true, false}) {
                    ChildFiles.Resolved viaProc = files.resolve(self, dirfd, raw, follow, false);
                    ChildFiles.Resolved viaAnchor = files.resolveFrom(self, anchor, raw, follow);
                    assertNotNull(viaProc, raw);
                    assertEquals(viaProc, viaAnchor, raw + (follow ? " followed" : " not followed"));
                }
            }
            assertEquals(FileType.REGULAR, files.resolveFrom(self, anchor, "link", true).type());
            assertEquals(FileType.SYMLINK, files.resolveFrom(self, anchor, "link", false).type());
            assertEquals(FileType.MISSING, files.resolveFrom(self, anchor, "dangling", true).type());
        } finally {
            LibC.close(dirfd);
        }
    }

    @Test
    void noAnchorForADirectoryThatHasNoUsablePath() throws Exception {
        Path gone = Files.createDirectory(dir.resolve("gone"));
        int dirfd = LibC.open(gone.toString(), 0x10000 | 0x80000);
        try {
            Files.delete(gone);
            assertNull(files.anchor(self, dirfd), "a deleted directory");
            assertNull(files.anchor(self, 9999), "an fd that is not open");
            int proc = LibC.open("/proc", 0x10000 | 0x80000);
            try {
                assertNull(files.anchor(self, proc), "/proc: its entries depend on who resolves them");
            } finally {
                LibC.close(proc);
            }
        } finally {
            LibC.close(dirfd);
        }
    }

    @Test
    void anOpenThatCreatesNothingIsPreparedAndOneThatCreatesIsNot() {
        Decoder decoder = new Decoder(files);
        long name = 0; // no memory is read for these: the address is only passed through
        assertNull(decoder.prepare(self, Syscall.OPENAT,
                new long[] {ChildFiles.AT_FDCWD, name, 0x40, 0, 0, 0}), "O_CREAT is decoded while the caller waits");
        assertNull(decoder.prepare(self, Syscall.MKDIR, new long[6]), "not an open");
        assertNull(decoder.prepare(self, Syscall.OPENAT,
                new long[] {ChildFiles.AT_FDCWD, 0, 0, 0, 0, 0}), "no path to read");
    }

    @Test
    void theCallersPathAndDirectoryAreReadAndTheRestWaits() throws Exception {
        Decoder decoder = new Decoder(files);
        Path real = dir.toRealPath();
        int dirfd = LibC.open(real.toString(), 0x10000 | 0x80000);
        try (Memory absolute = text("/usr/lib/os-release"); Memory relative = text("file");
             Memory up = text("../etc/passwd"); Memory proc = text("/proc/self/status")) {
            Decoder.Deferred a = decoder.prepare(self, Syscall.OPENAT,
                    new long[] {ChildFiles.AT_FDCWD, Pointer.nativeValue(absolute), 0, 0, 0, 0});
            assertEquals("/usr/lib/os-release", a.lexical());
            assertEquals(FsAccess.READ_FILE.bit() | FsAccess.READ_DIR.bit(), a.rights());
            Decoder.Deferred r = decoder.prepare(self, Syscall.OPENAT,
                    new long[] {dirfd, Pointer.nativeValue(relative), 0x201, 0, 0, 0}); // O_WRONLY | O_TRUNC
            assertEquals(real + "/file", r.lexical());
            assertTrue((r.rights() & FsAccess.TRUNCATE.bit()) != 0 && (r.rights() & FsAccess.WRITE_FILE.bit()) != 0);
            assertNull(decoder.prepare(self, Syscall.OPENAT,
                    new long[] {dirfd, Pointer.nativeValue(up), 0, 0, 0, 0}), "\"..\" may lead into /proc");
            assertNull(decoder.prepare(self, Syscall.OPENAT,
                    new long[] {ChildFiles.AT_FDCWD, Pointer.nativeValue(proc), 0, 0, 0, 0}), "the caller's /proc");
            Files.createSymbolicLink(real.resolve("mtab"), Path.of("/proc/self/mounts"));
            Files.createSymbolicLink(real.resolve("fds"), Path.of("/proc/self/fd"));
            try (Memory link = text("mtab"); Memory throughLink = text("fds/0")) {
                assertNull(decoder.prepare(self, Syscall.OPENAT,
                        new long[] {dirfd, Pointer.nativeValue(link), 0, 0, 0, 0}), "a link may lead to /proc/self");
                assertNull(decoder.prepare(self, Syscall.OPENAT, new long[] {dirfd, Pointer.nativeValue(throughLink),
                        0, 0, 0, 0}), "a directory reached through /proc/self is the caller's");
            }
            Files.writeString(real.resolve("file"), "x");
            Access access = decoder.finish(r);
            assertEquals(real + "/file", access.path());
            assertEquals(Operation.WRITE, access.operation());
            assertEquals(List.of(new Need.OnPath(real + "/file", false, Set.of(FsAccess.WRITE_FILE, FsAccess.TRUNCATE),
                    Need.Role.OBJECT)), access.needs());
        } finally {
            LibC.close(dirfd);
        }
    }

    private static Memory text(String value) {
        byte[] bytes = (value + "\0").getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    @Test
    void pathsReachTheKernelAsTheSameBytes() {
        byte[] buffer = new byte[16];
        byte[] ascii = CStrings.encode("/usr/lib", buffer);
        assertSame(buffer, ascii, "an ASCII path fits the buffer");
        assertArrayEquals("/usr/lib\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(ascii, 9));
        byte[] utf8 = CStrings.encode("/tmp/été", buffer);
        assertArrayEquals("/tmp/été\0".getBytes(StandardCharsets.UTF_8), utf8);
        byte[] long_ = CStrings.encode("/a/very/long/path/name", buffer);
        assertArrayEquals("/a/very/long/path/name\0".getBytes(StandardCharsets.UTF_8), long_);
    }

    @Test
    void theFastRuleMatchAgreesWithPath() throws Exception {
        String x = dir.toRealPath().toString();
        AccessModel model = new AccessModel(Sandbox.builder().readOnly("/usr/lib").readWrite(x)
                .readExec("/etc").build().preview().plan());
        List<String> paths = List.of("/usr/lib", "/usr/lib/", "/usr/lib/x.so", "/usr/libexec", "/usr//lib/y",
                x, x + "y", x + "/z", x + "//z/", "/", "/etc", "/etc/passwd", "relative/usr/lib", "/usr/li");
        for (String path : paths) {
            long expected = 0;
            Path p = Path.of(path);
            for (var rule : model.plan().pathRules()) {
                if (p.startsWith(Path.of(rule.target()))) {
                    expected |= rule.allowed();
                }
            }
            assertEquals(expected, model.granted(path), path);
        }
        assertEquals(0, model.granted("/usr/lib\0/x"), "a path with a NUL is no path");
        long writeFile = FsAccess.WRITE_FILE.bit();
        assertTrue(model.grantsAll(x + "/file", writeFile));
        assertFalse(model.grantsAll("/usr/lib/file", writeFile));
    }
}
