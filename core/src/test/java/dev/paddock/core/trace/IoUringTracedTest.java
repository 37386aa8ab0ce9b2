package dev.paddock.core.trace;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedCommand;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * io_uring opens files without a system call the supervisor sees: a traced launch refuses io_uring_setup (EPERM),
 * so the trace never says "no access denied" while Landlock denied some; an untraced launch leaves it alone. The
 * network is unrestricted here: where TCP connect is restricted, the fast-open rule refuses io_uring_setup anyway.
 */
class IoUringTracedTest {
    /** Calls io_uring_setup(1, params) through ctypes and prints its result and errno's name. */
    private static final String SETUP = "import ctypes, errno\n"
            + "libc = ctypes.CDLL(None, use_errno=True)\n"
            + "params = ctypes.create_string_buffer(120)\n"
            + "r = libc.syscall(425, 1, params)\n"
            + "print('fd' if r >= 0 else errno.errorcode[ctypes.get_errno()])\n";

    private static String setup(List<String> prefix, boolean traced) throws Exception {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "io_uring_setup is call 425 on x86_64");
        assumeTrue(Files.readString(Path.of("/proc/sys/kernel/io_uring_disabled")).strip().equals("0"),
                "io_uring is enabled on this kernel");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/usr/bin/python3", "-S", "-I", "-c", SETUP));
        SandboxedCommand sandboxed = Sandbox.builder().readExec("/usr").readOnly("/etc")
                .unrestrictedNetwork(true).build().command(command);
        SandboxedProcess process = (traced ? sandboxed.trace() : sandboxed).start();
        Streams out = Streams.drain(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out.stderr());
        if (traced) {
            assertTrue(process.trace().orElseThrow().awaitEnd(10, TimeUnit.SECONDS));
        }
        return out.stdout().strip();
    }

    @Test
    void aTracedRunIsRefusedIoUring() throws Exception {
        assertEquals("EPERM", setup(List.of(), true));
        assertEquals("fd", setup(List.of(), false), "an untraced run keeps io_uring");
    }

    @Test
    void aTracedRunIsRefusedIoUringAsNobody() throws Exception {
        List<String> prefix = new ArrayList<>(AsNobody.prefix());
        prefix.set(0, "/usr/bin/setpriv");
        assertEquals("EPERM", setup(prefix, true));
        assertEquals("fd", setup(prefix, false), "an untraced run keeps io_uring");
    }
}
