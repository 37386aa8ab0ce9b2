package dev.paddock.core.security;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.testing.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mirror of the escape corpus: what a policy allows keeps working, with no false denial. */
class AllowedOperationsTest {
    private static final Set<String> OK = Set.of("ok");
    private static ServerSocket server;
    private static ServerSocket server6;

    record Operation(String name, Function<Layout, Sandbox> policy, Function<Layout, String> operation,
                     Set<String> outcomes) {
        Operation(String name, Function<Layout, String> operation) {
            this(name, l -> l.policy().build(), operation, OK);
        }
    }

    @BeforeAll
    static void servers() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server6 = new ServerSocket(0, 50, InetAddress.getByName("::1"));
    }

    @AfterAll
    static void close() throws IOException {
        server.close();
        server6.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Operation> operations() {
        List<Operation> list = new ArrayList<>();
        list.add(new Operation("read an allowed file", l -> "read:" + l.allowed.resolve("file")));
        list.add(new Operation("list an allowed folder", l -> "list:" + l.allowed));
        list.add(new Operation("read a read-only file", l -> "read:" + l.readonly.resolve("file")));
        list.add(new Operation("list a read-only folder", l -> "list:" + l.readonly));
        list.add(new Operation("write an allowed file", l -> "write:" + l.allowed.resolve("file")));
        list.add(new Operation("create a file", l -> "create:" + l.allowed.resolve("new")));
        list.add(new Operation("make a folder", l -> "mkdir:" + l.allowed.resolve("dir")));
        list.add(new Operation("remove a file", l -> "unlink:" + l.allowed.resolve("file")));
        list.add(new Operation("rename inside a folder", l -> "rename:" + l.allowed.resolve("file") + "=>"
                + l.allowed.resolve("renamed")));
        list.add(new Operation("move between two writable folders (refer)", l -> "rename:" + l.allowed
                .resolve("file") + "=>" + l.binRw.resolve("moved")));
        list.add(new Operation("hard-link inside a writable folder", l -> "link:" + l.allowed.resolve("file") + "=>"
                + l.allowed.resolve("hardlink")));
        list.add(new Operation("make a symlink", l -> "symlink:/etc=>" + l.allowed.resolve("etc")));
        list.add(new Operation("truncate an allowed file", l -> "truncate:" + l.allowed.resolve("file")));
        list.add(new Operation("open with O_TRUNC", l -> "open-trunc:" + l.allowed.resolve("file")));
        list.add(new Operation("append", l -> "append:" + l.allowed.resolve("file")));
        list.add(new Operation("make a named pipe", l -> "mkfifo:" + l.allowed.resolve("fifo")));
        list.add(new Operation("run a program from a rox folder", l -> "exec:/usr/bin/true"));
        list.add(new Operation("run a program through the ELF interpreter", l -> "exec-ld:"
                + EscapeCorpusTest.interpreter() + "=>/usr/bin/true"));
        list.add(new Operation("bind an allowed port", l -> l.policy().bindTcp(PORT).build(),
                l -> "bind:" + PORT, OK));
        list.add(new Operation("connect to an allowed port", l -> l.policy().connectTcp(server.getLocalPort()).build(),
                l -> "connect:" + server.getLocalPort(), OK));
        list.add(new Operation("connect to an allowed port on IPv6",
                l -> l.policy().connectTcp(server6.getLocalPort()).build(), l -> "connect6:" + server6.getLocalPort(),
                OK));
        list.add(new Operation("send UDP (Landlock never restricts it)", l -> "udp:" + PORT));
        list.add(new Operation("signal its own child", l -> "kill-own-child:"));
        list.add(new Operation("connect to an abstract socket of its own", l -> "own-abstract:"));
        list.add(new Operation("ioctl on a device with ioctl_dev",
                l -> l.policy().path("/dev/null", RightSet.of(FsAccess.READ_FILE, FsAccess.WRITE_FILE,
                        FsAccess.IOCTL_DEV)).build(), l -> "ioctl:/dev/null", Set.of("ENOTTY")));
        list.add(new Operation("write under a rule given with a trailing slash",
                l -> Sandbox.builder().readExec("/usr").readWrite(l.allowed + "/").build(),
                l -> "write:" + l.allowed.resolve("file"), OK));
        list.add(new Operation("write under a rule given with //",
                l -> Sandbox.builder().readExec("/usr").readWrite("/" + l.allowed).build(),
                l -> "write:" + l.allowed.resolve("file"), OK));
        list.add(new Operation("custom rights grant exactly what they name",
                l -> Sandbox.builder().readExec("/usr").path(l.allowed.toString(), new RightSet(EnumSet.of(
                        FsAccess.READ_FILE, FsAccess.MAKE_DIR))).build(), l -> "mkdir:" + l.allowed.resolve("d"), OK));
        return list;
    }

    private static final int PORT = freePort();

    @TestFactory
    Stream<DynamicTest> everyAllowedOperationWorks(@TempDir Path base) {
        List<Operation> operations = operations();
        assertTrue(operations.size() >= 20, operations.size() + " operations");
        return operations.stream().map(operation -> DynamicTest.dynamicTest(operation.name(), () -> {
            Layout layout = new Layout(Files.createDirectories(base.resolve(UUID.randomUUID().toString())));
            String result = Probe.Outputs.collect(operation.policy().apply(layout).command(
                    Probe.command(operation.operation().apply(layout))).start(), 1).get(0);
            assertTrue(operation.outcomes().contains(result), operation.name() + ": got " + result);
        }));
    }
}
