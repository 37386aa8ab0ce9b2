package dev.paddock.core.security;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.seccomp.SeccompRule;
import dev.paddock.core.testing.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channels Landlock does not watch, tried from inside real sandboxes on the real kernel: each is refused by the
 * seccomp layer, and what the layer must not break still works. Every attempt also runs with the child as nobody.
 */
class SeccompLayerTest {
    private static final List<String> AS_NOBODY = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
            "--clear-groups");
    private static ServerSocket listener;

    @BeforeAll
    static void openListener() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(300);
    }

    @AfterAll
    static void closeListener() throws IOException {
        listener.close();
    }

    private static Sandbox.Builder base() {
        return Sandbox.builder().readExec("/usr");
    }

    /** Runs the probe operations as this user and as nobody; both must give the same results. */
    private static List<String> probe(Sandbox sandbox, boolean terminal, String... operations) throws IOException {
        List<String> results = null;
        for (boolean nobody : new boolean[] {false, true}) {
            List<String> command = new ArrayList<>(nobody ? AS_NOBODY : List.of());
            command.addAll(Probe.command(operations));
            var builder = sandbox.command(command);
            if (terminal) {
                builder.terminal(80, 24);
            }
            SandboxedProcess process = builder.start();
            List<String> lines = terminal ? terminalLines(process, operations.length)
                    : Probe.Outputs.collect(process, operations.length);
            if (results != null) {
                assertEquals(results, lines, "as nobody");
            }
            results = lines;
        }
        return results;
    }

    private static List<String> terminalLines(SandboxedProcess process, int expected) throws IOException {
        try (InputStream in = process.getInputStream()) {
            String text = new String(in.readAllBytes()).replace("\r", "");
            List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(expected, lines.size(), "output: " + text);
            return lines;
        }
    }

    @Test
    void aProgramOnATerminalCannotPushInputIntoItNorChangeItsLineDiscipline() throws Exception {
        assertEquals(List.of("EPERM", "EPERM", "EPERM", "EPERM"),
                probe(base().build(), true, "tiocsti:0", "tiocsti-wide:0", "tioclinux:0", "tiocsetd:0"));
    }

    @Test
    void aProgramCannotInstallAListenerThatWouldAnswerItsOwnSetsid() throws Exception {
        assertEquals(List.of("EPERM", "ENOSYS"), probe(base().build(), false, "own-listener:", "setsid:"));
        assertEquals(List.of("EPERM"), probe(base().build(), true, "own-listener:"));
    }

    @Test
    void takingTheTerminalsForegroundIsRefusedOnlyWhenAskedFor() throws Exception {
        assertEquals(List.of("ok"), probe(base().build(), true, "tiocspgrp:0"));
        assertEquals(List.of("EPERM"), probe(base().harden(SeccompRule.FOREGROUND).build(), true, "tiocspgrp:0"));
    }

    @Test
    void theControllingTerminalReachedThroughDevTtyIsRefusedToo() throws Exception {
        Sandbox sandbox = base().path("/dev/tty", dev.paddock.core.policy.RightSet.of(
                dev.paddock.core.landlock.FsAccess.READ_FILE, dev.paddock.core.landlock.FsAccess.WRITE_FILE,
                dev.paddock.core.landlock.FsAccess.IOCTL_DEV)).build();
        assertEquals(List.of("EPERM"), probe(sandbox, true, "tiocsti:/dev/tty"));
    }

    @Test
    void noProcessOfTheRunCanStartASessionOfItsOwn() throws Exception {
        List<String> piped = probe(base().build(), false, "setsid:");
        List<String> onTerminal = probe(base().build(), true, "setsid:");
        assertNotEquals("ok", piped.get(0));
        assertNotEquals("ok", onTerminal.get(0));
    }

    @Test
    void tcpFastOpenCannotReachAPortWithoutAConnectRule() throws Exception {
        int port = listener.getLocalPort();
        List<String> results = probe(base().build(), false, "fastopen:" + port, "fastopen-sendmsg:" + port,
                "fastopen-connect:", "io-uring:", "connect:" + port);
        assertEquals(List.of("EPERM", "EPERM", "EPERM", "EPERM", "EACCES"), results);
        assertNoConnectionArrived();
    }

    @Test
    void withTheNetworkUnrestrictedFastOpenIsLeftAlone() throws Exception {
        List<String> results = probe(base().unrestrictedNetwork(true).build(), false, "fastopen-connect:", "io-uring:");
        assertEquals(List.of("ok", "ok"), results);
    }

    @Test
    void multipathTcpCannotReachAPortThatTcpCannot() throws Exception {
        assertEquals(List.of("EPERM"), probe(base().build(), false, "mptcp:"));
    }

    @Test
    void aConnectRuleStillAllowsAPlainConnect() throws Exception {
        int port = listener.getLocalPort();
        assertEquals(List.of("ok"), probe(base().connectTcp(port).build(), false, "connect:" + port));
        drainConnections();
    }

    @Test
    void ordinaryCallsTheLayerLooksAtStillWork(@TempDir Path dir) throws Exception {
        openToNobody(dir);
        List<String> results = probe(base().readWrite(dir.toString()).build(), false, "memfd:", "chmod-new:" + dir,
                "utime-new:" + dir, "udp-socket:", "listen:", "isatty:");
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok", "notty"), results);
    }

    @Test
    void hardeningClosesWhatLandlockCannot(@TempDir Path dir) throws Exception {
        openToNobody(dir);
        Path file = Files.writeString(dir.resolve("f"), "x");
        Sandbox hardened = base().readWrite(dir.toString()).harden(SeccompRule.MEMFD_EXEC)
                .harden(SeccompRule.FILE_METADATA).harden(SeccompRule.UDP).harden(SeccompRule.MPTCP)
                .harden(SeccompRule.LISTEN).build();
        List<String> results = probe(hardened, false, "memfd:", "chmod-new:" + dir, "utime-new:" + dir, "udp-socket:",
                "udp-socket:6", "mptcp:", "listen:", "setflags:" + file, "read:" + file);
        assertEquals(List.of("EPERM", "EPERM", "EPERM", "EPERM", "EPERM", "EPERM", "EPERM", "EPERM", "ok"), results);
        for (SeccompRule rule : List.of(SeccompRule.MEMFD_EXEC, SeccompRule.FILE_METADATA, SeccompRule.UDP,
                SeccompRule.LISTEN)) {
            // io_uring would do each of these without the system calls the rule refuses
            Sandbox open = base().unrestrictedNetwork(true).harden(rule).build();
            assertEquals(List.of("EPERM"), probe(open, false, "io-uring:"), rule.id());
        }
    }

    private static void openToNobody(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    private static void assertNoConnectionArrived() throws IOException {
        try (Socket socket = listener.accept()) {
            throw new AssertionError("a connection reached the port that no rule allows, from " + socket);
        } catch (SocketTimeoutException expected) {
            // nothing arrived
        }
    }

    private static void drainConnections() throws IOException {
        while (true) {
            try (Socket ignored = listener.accept()) {
                // the allowed connection
            } catch (SocketTimeoutException e) {
                return;
            }
        }
    }

    @Test
    void theJvmStaysUnfilteredAfterManyLaunches() throws Exception {
        Sandbox sandbox = base().build();
        for (int i = 0; i < 300; i++) {
            Process process = sandbox.command("/usr/bin/true").start();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        }
        // the last spawn thread was joined, but the kernel may still be finishing its exit: give it two seconds
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> restricted = restrictedThreads();
        while (!restricted.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
            restricted = restrictedThreads();
        }
        assertEquals(List.of(), restricted, "threads left with a seccomp filter or no_new_privs");
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("paddock-spawn")), "a spawn thread lived on");
    }

    /** The JVM's threads that carry a seccomp filter or no_new_privs, each with its status. */
    private static List<String> restrictedThreads() throws IOException {
        List<String> restricted = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String status;
                try {
                    status = Files.readString(task.resolve("status"));
                } catch (IOException gone) {
                    continue;
                }
                if (!status.contains("\nSeccomp:\t0\n") || !status.contains("\nNoNewPrivs:\t0\n")) {
                    restricted.add(task + ":\n" + status);
                }
            }
        }
        return restricted;
    }
}
