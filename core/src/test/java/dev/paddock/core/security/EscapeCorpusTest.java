package dev.paddock.core.security;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedCommand;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.testing.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.paddock.core.landlock.FsAccess.MAKE_REG;
import static dev.paddock.core.landlock.FsAccess.READ_DIR;
import static dev.paddock.core.landlock.FsAccess.READ_FILE;
import static dev.paddock.core.landlock.FsAccess.REMOVE_FILE;
import static dev.paddock.core.landlock.FsAccess.WRITE_FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attempts to escape, as an attacker inside the sandbox would: each is a real child under a policy that must deny
 * it. Each must fail with the kernel's denial (EACCES, EPERM, EXDEV, E2BIG) and leave the disk exactly as it was.
 */
class EscapeCorpusTest {
    private static final Set<String> DENIED = Set.of("EACCES");
    private static final Set<String> NOT_PERMITTED = Set.of("EPERM");
    private static final Set<String> CROSS_DIRECTORY = Set.of("EXDEV", "EACCES");

    private static Process sibling;
    private static Process abstractListener;
    private static String abstractName;
    private static ServerSocket deniedServer;
    private static ServerSocket deniedServer6;
    private static FileInputStream heldByJvm;
    private static int heldFd;
    private static Path heldFile;

    /** One escape attempt: a name, the policy, the probe operation, the acceptable outcomes, and the child's cwd. */
    record Attempt(String name, Function<Layout, Sandbox> policy, Function<Layout, String> operation,
                   Set<String> outcomes, Function<Layout, Path> directory) {
        Attempt(String name, Function<Layout, String> operation, Set<String> outcomes) {
            this(name, l -> l.policy().build(), operation, outcomes, l -> null);
        }
    }

    @BeforeAll
    static void outsiders() throws Exception {
        sibling = new ProcessBuilder("sleep", "300").start();
        abstractName = "paddock-escape-" + UUID.randomUUID();
        abstractListener = new ProcessBuilder(Probe.PYTHON, "-S", "-I", "-c",
                "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.bind('\\0'+sys.argv[1])\ns.listen(8)\n"
                        + "print('ready',flush=True)\nwhile True:\n  c,_=s.accept()\n  c.close()\n", abstractName)
                .redirectErrorStream(true).start();
        assertEquals("ready", new BufferedReader(new InputStreamReader(abstractListener.getInputStream(),
                StandardCharsets.UTF_8)).readLine());
        deniedServer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        deniedServer6 = new ServerSocket(0, 5, InetAddress.getByName("::1"));
        heldFile = Files.createTempFile("paddock-held", ".txt");
        Files.writeString(heldFile, "held open by the JVM");
        heldByJvm = new FileInputStream(heldFile.toFile());
        heldFd = findFd(heldFile);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        sibling.destroyForcibly();
        abstractListener.destroyForcibly();
        deniedServer.close();
        deniedServer6.close();
        heldByJvm.close();
        Files.deleteIfExists(heldFile);
    }

    private static int findFd(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file.toRealPath())) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // a descriptor closed while we looked
                }
            }
        }
        throw new IllegalStateException("the JVM does not hold " + file);
    }

    static List<Attempt> attempts() {
        long jvm = ProcessHandle.current().pid();
        List<Attempt> list = new ArrayList<>();
        // Paths
        list.add(new Attempt("read a denied file", l -> "read:" + l.secret, DENIED));
        list.add(new Attempt("read through a symlink from an allowed folder", l -> "read:" + l.allowed
                .resolve("link-to-secret"), DENIED));
        list.add(new Attempt("list a denied folder through a symlink", l -> "list:" + l.allowed
                .resolve("link-to-denied") + "/", DENIED));
        list.add(new Attempt("read with .. out of an allowed folder", l -> "read:" + l.allowed + "/../denied/secret",
                DENIED));
        list.add(new Attempt("read through /proc/self/root", l -> "read:/proc/self/root" + l.secret, DENIED));
        list.add(new Attempt("read a relative path from a denied working directory", l -> l.policy().build(),
                l -> "read:secret", DENIED, l -> l.denied));
        list.add(new Attempt("read through /proc/self/cwd", l -> l.policy().build(),
                l -> "read:/proc/self/cwd/secret", DENIED, l -> l.denied));
        list.add(new Attempt("write outside a rule given with a trailing slash",
                l -> Sandbox.builder().readExec("/usr").readWrite(l.allowed + "/").build(),
                l -> "write:" + l.secret, DENIED, l -> null));
        list.add(new Attempt("write outside a rule given with //",
                l -> Sandbox.builder().readExec("/usr").readWrite("/" + l.allowed).build(),
                l -> "write:" + l.readonly.resolve("file"), DENIED, l -> null));
        list.add(new Attempt("write a read-only file", l -> "write:" + l.readonly.resolve("file"), DENIED));
        list.add(new Attempt("create in a read-only folder", l -> "create:" + l.readonly.resolve("new"), DENIED));
        list.add(new Attempt("create in a denied folder", l -> "create:" + l.denied.resolve("new"), DENIED));
        list.add(new Attempt("remove a read-only file", l -> "unlink:" + l.readonly.resolve("file"), DENIED));
        list.add(new Attempt("mkdir in a read-only folder", l -> "mkdir:" + l.readonly.resolve("d"), DENIED));
        list.add(new Attempt("symlink in a read-only folder", l -> "symlink:/etc=>" + l.readonly.resolve("s"),
                DENIED));
        list.add(new Attempt("move a read-only file out", l -> "rename:" + l.readonly.resolve("file") + "=>"
                + l.allowed.resolve("stolen"), CROSS_DIRECTORY));
        list.add(new Attempt("move an allowed file into a denied folder", l -> "rename:" + l.allowed
                .resolve("file") + "=>" + l.denied.resolve("planted"), CROSS_DIRECTORY));
        // Links and writes
        list.add(new Attempt("hard-link a denied file into a writable folder", l -> "link:" + l.secret + "=>"
                + l.allowed.resolve("hardlink"), CROSS_DIRECTORY));
        list.add(new Attempt("hard-link a read-only file into a writable folder", l -> "link:"
                + l.readonly.resolve("file") + "=>" + l.allowed.resolve("hardlink"), CROSS_DIRECTORY));
        list.add(new Attempt("rename across folders without refer", EscapeCorpusTest::withoutRefer,
                l -> "rename:" + l.root.resolve("a/f") + "=>" + l.root.resolve("b/f"), Set.of("EXDEV"), l -> null));
        list.add(new Attempt("link across folders without refer", EscapeCorpusTest::withoutRefer,
                l -> "link:" + l.root.resolve("a/f") + "=>" + l.root.resolve("b/g"), Set.of("EXDEV"), l -> null));
        list.add(new Attempt("truncate a read-only file", l -> "truncate:" + l.readonly.resolve("file"), DENIED));
        list.add(new Attempt("open a read-only file with O_TRUNC", l -> "open-trunc:" + l.readonly.resolve("file"),
                DENIED));
        list.add(new Attempt("open O_TRUNC without the truncate right", EscapeCorpusTest::withoutTruncate,
                l -> "open-trunc:" + l.root.resolve("a/f"), DENIED, l -> null));
        list.add(new Attempt("truncate a writable file without the truncate right", EscapeCorpusTest::withoutTruncate,
                l -> "truncate:" + l.root.resolve("a/f"), DENIED, l -> null));
        list.add(new Attempt("append to a read-only file", l -> "append:" + l.readonly.resolve("file"), DENIED));
        list.add(new Attempt("mkfifo without make_fifo", EscapeCorpusTest::withoutRefer,
                l -> "mkfifo:" + l.root.resolve("a/fifo"), DENIED, l -> null));
        list.add(new Attempt("mknod a device without make_char", EscapeCorpusTest::withoutRefer,
                l -> "mknod:" + l.root.resolve("a/null"), DENIED, l -> null));
        // Exec
        list.add(new Attempt("exec from a read-write folder without execute", l -> "exec:" + l.binRw
                .resolve("tool"), DENIED));
        list.add(new Attempt("exec from a denied folder", l -> "exec:" + l.binDenied.resolve("tool"), DENIED));
        list.add(new Attempt("exec a denied program through the ELF interpreter", l -> "exec-ld:"
                + interpreter() + "=>" + l.binDenied.resolve("tool"), DENIED));
        list.add(new Attempt("gain privileges through setuid (no_new_privs is set)", l -> "nnp:", Set.of("nnp=1")));
        // Devices
        list.add(new Attempt("ioctl on a device opened in the sandbox without ioctl_dev",
                l -> l.policy().path("/dev/null", RightSet.of(READ_FILE, WRITE_FILE)).build(),
                l -> "ioctl:/dev/null", DENIED, l -> null));
        // Scopes
        list.add(new Attempt("connect to the test's abstract UNIX socket", l -> "abstract:" + abstractName,
                NOT_PERMITTED));
        list.add(new Attempt("kill the JVM", l -> "signal:" + jvm, NOT_PERMITTED));
        list.add(new Attempt("sigqueue to the JVM", l -> "sigqueue:" + jvm, NOT_PERMITTED));
        list.add(new Attempt("signal a sibling process", l -> "signal:" + sibling.pid(), NOT_PERMITTED));
        // TCP
        list.add(new Attempt("bind a denied port", l -> "bind:" + deniedServer.getLocalPort(), DENIED));
        list.add(new Attempt("connect to a denied port", l -> "connect:" + deniedServer.getLocalPort(), DENIED));
        list.add(new Attempt("bind a denied port on IPv6", l -> "bind6:" + (deniedServer6.getLocalPort() + 1),
                DENIED));
        list.add(new Attempt("connect to a denied port on IPv6", l -> "connect6:" + deniedServer6.getLocalPort(),
                DENIED));
        // Leaks
        list.add(new Attempt("find a file the JVM holds open among the child's fds", l -> "fds:", Set.of("0 1 2 3")));
        list.add(new Attempt("read a file the JVM holds open through /proc/<jvm>/fd", l -> "read:/proc/" + jvm
                + "/fd/" + heldFd, DENIED));
        list.add(new Attempt("read the JVM's environment through /proc/<jvm>/environ",
                l -> Sandbox.builder().readExec("/usr").build(), l -> "read:/proc/" + jvm + "/environ", DENIED,
                l -> null));
        list.add(new Attempt("see the JVM's environment in its own", l -> "environ:", Set.of("")));
        // Nesting
        list.add(new Attempt("widen the sandbox with a nested ruleset", l -> "nest-write:" + l.denied, DENIED));
        list.add(new Attempt("stack a 17th sandbox", l -> "layers:", Set.of("layers=15 E2BIG")));
        return list;
    }

    /** a/ and b/ may be read and written, but no file may move between them, and no fifo or device be made. */
    private static Sandbox withoutRefer(Layout layout) {
        RightSet rights = new RightSet(java.util.EnumSet.of(READ_FILE, WRITE_FILE, READ_DIR, MAKE_REG, REMOVE_FILE));
        return twoFolders(layout, rights);
    }

    /** a/ and b/ may be read and written, but not truncated. */
    private static Sandbox withoutTruncate(Layout layout) {
        RightSet rights = new RightSet(java.util.EnumSet.of(READ_FILE, WRITE_FILE, READ_DIR, MAKE_REG, REMOVE_FILE,
                FsAccess.REFER));
        return twoFolders(layout, rights);
    }

    private static Sandbox twoFolders(Layout layout, RightSet rights) {
        try {
            Path a = Files.createDirectories(layout.root.resolve("a"));
            Files.createDirectories(layout.root.resolve("b"));
            if (!Files.exists(a.resolve("f"))) {
                Files.writeString(a.resolve("f"), "content");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Sandbox.builder().readExec("/usr").path(layout.root.resolve("a").toString(), rights)
                .path(layout.root.resolve("b").toString(), rights).build();
    }

    static String interpreter() {
        for (String candidate : List.of("/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1")) {
            if (Files.exists(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ELF interpreter found");
    }

    @TestFactory
    Stream<DynamicTest> everyEscapeFailsAndChangesNothing(@org.junit.jupiter.api.io.TempDir Path base) {
        List<Attempt> attempts = attempts();
        assertTrue(attempts.size() >= 40, attempts.size() + " attempts");
        return attempts.stream().map(attempt -> DynamicTest.dynamicTest(attempt.name(), () -> {
            Layout layout = new Layout(Files.createDirectories(base.resolve(UUID.randomUUID().toString())));
            Sandbox sandbox = attempt.policy().apply(layout);
            Map<String, String> before = layout.snapshot();
            SandboxedCommand command = sandbox.command(Probe.command(attempt.operation().apply(layout)));
            Path directory = attempt.directory().apply(layout);
            if (directory != null) {
                command.directory(directory.toFile());
            }
            String result = Probe.Outputs.collect(command.start(), 1).get(0);
            assertTrue(attempt.outcomes().contains(result), attempt.name() + ": got " + result + ", expected one of "
                    + attempt.outcomes());
            assertEquals(before, layout.snapshot(), attempt.name() + " changed the disk");
        }));
    }
}
