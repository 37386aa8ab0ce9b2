package dev.paddock.core.trace;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Probe;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracer on real processes: children and threads, the session rule, a closed listener, bounded memory. */
class TracerTest {
    @TempDir
    Path root;

    private static Streams finish(SandboxedProcess process) throws InterruptedException {
        Streams out = Streams.drain(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run finishes");
        return out;
    }

    @Test
    void childrenAndThreadsAreTracedToo() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        for (String name : List.of("by-sh", "by-child", "by-thread")) {
            Files.writeString(data.resolve(name), name);
        }
        String script = "import threading\n"
                + "t = threading.Thread(target=lambda: open('" + data.resolve("by-thread") + "').close())\n"
                + "t.start(); t.join()\n";
        Files.writeString(data.resolve("t.py"), script);
        Sandbox sandbox = Sandbox.builder().readExec("/usr").readOnly(data.toString()).build();
        SandboxedProcess process = sandbox.command("/usr/bin/sh", "-c", "read x < " + data.resolve("by-sh")
                + "; /usr/bin/cat " + data.resolve("by-child") + "; /usr/bin/true >/dev/null; /usr/bin/python3 -S -I "
                + data.resolve("t.py")).trace().start();
        finish(process);
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS));
        Set<String> read = trace.entries().stream().filter(e -> e.access().operation() == Operation.READ)
                .map(e -> e.access().path()).collect(Collectors.toSet());
        for (String name : List.of("by-sh", "by-child", "by-thread")) {
            assertTrue(read.contains(data.resolve(name).toString()), name + " in " + read);
        }
        Set<String> programs = trace.entries().stream().map(TraceEntry::executable).collect(Collectors.toSet());
        assertTrue(programs.containsAll(List.of("/usr/bin/dash", "/usr/bin/cat")) || programs.contains(
                "/usr/bin/cat"), programs.toString());
        assertTrue(trace.entries().stream().anyMatch(e -> e.access().operation() == Operation.EXECUTE
                && e.access().path().equals("/usr/bin/cat") && e.verdict().kind() == Verdict.Kind.ALLOWED));
        // /dev/null is outside the rules: the trace says so, with the fix
        TraceEntry devNull = trace.denials().stream().filter(e -> e.access().path().equals("/dev/null"))
                .findFirst().orElseThrow();
        assertEquals("--rw /dev/null", devNull.verdict().fix().flag());
    }

    @Test
    void aTracedRunInItsOwnSessionStillCannotLeaveIt() throws Exception {
        SandboxedProcess process = Sandbox.builder().readExec("/usr").build().command(Probe.command("setsid:"))
                .trace().start();
        Streams out = finish(process);
        assertEquals("EPERM", out.stdout().strip(), out.stderr());
        assertEquals(0, process.exitValue());
    }

    @Test
    void closingTheListenerMidRunNeverLeavesTheChildHanging() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "x");
        String loop = "import errno, os, time\n"
                + "results = {}\n"
                + "end = time.time() + 3\n"
                + "while time.time() < end:\n"
                + "    try:\n"
                + "        os.close(os.open('" + file + "', os.O_RDONLY)); r = 'ok'\n"
                + "    except OSError as e:\n"
                + "        r = errno.errorcode[e.errno]\n"
                + "    results[r] = results.get(r, 0) + 1\n"
                + "    time.sleep(0.001)\n"
                + "print(' '.join(sorted(results)))\n";
        List<TraceEvent> events = new CopyOnWriteArrayList<>();
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readOnly(root.toString()).build()
                .command("/usr/bin/python3", "-S", "-I", "-c", loop).trace(events::add).start();
        Trace trace = process.trace().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.stream().noneMatch(e -> file.toString().equals(e.access().path()))
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        trace.close();
        assertTrue(trace.awaitEnd(2, TimeUnit.SECONDS), "the supervisor stops and closes the listener");
        Streams out = finish(process);
        assertEquals("ENOSYS ok", out.stdout().strip(), "before: ok; after: ENOSYS; " + out.stderr());
        assertEquals(List.of(), process.liveProcesses());
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheTrace() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "x");
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readOnly(root.toString()).build()
                .command("/usr/bin/cat", file.toString()).trace(e -> {
                    throw new IllegalStateException("a broken listener");
                }).start();
        Streams out = finish(process);
        assertEquals("x", out.stdout());
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS)); // the child may exit before its last event is recorded
        assertTrue(trace.entries().stream().anyMatch(e -> e.access().path().equals(file.toString())));
    }

    @Test
    void memoryStaysBoundedHoweverManyAccesses() throws Exception {
        Path dir = Files.createDirectories(root.resolve("d"));
        Path file = Files.writeString(dir.resolve("f"), "x");
        String many = "import os\n"
                + "for i in range(100000):\n"
                + "    os.close(os.open('" + file + "', os.O_RDONLY))\n"
                + "for i in range(" + (Trace.MAX_ENTRIES + 2000) + "):\n"
                + "    try:\n"
                + "        os.open('" + dir + "/missing-%d' % i, os.O_RDONLY)\n"
                + "    except OSError:\n"
                + "        pass\n";
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readOnly(dir.toString()).build()
                .command("/usr/bin/python3", "-S", "-I", "-c", many).redirectError(Redirect.INHERIT).trace().start();
        finish(process);
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS));
        List<TraceEntry> entries = trace.entries();
        assertTrue(entries.size() <= Trace.MAX_ENTRIES + Trace.MAX_DENIALS, "bounded: " + entries.size());
        assertTrue(trace.dropped() > 0, "the distinct accesses past the bound are counted, not kept");
        TraceEntry repeated = entries.stream().filter(e -> e.access().path().equals(file.toString())).findFirst()
                .orElseThrow();
        assertEquals(100000, repeated.count());
        assertFalse(repeated.last().isBefore(repeated.first()));
        assertTrue(trace.events() >= 100000 + Trace.MAX_ENTRIES);
    }

    @Test
    void theTracedChildMayRunAsNobody() throws Exception {
        List<String> command = new ArrayList<>(AsNobody.prefix());
        Path data = Files.createDirectories(root.resolve("open"));
        Path secret = Files.writeString(root.resolve("secret"), "s");
        Files.writeString(data.resolve("f"), "f");
        AsNobody.openUp(root, data.resolve("f"));
        AsNobody.openUp(root, secret);
        command.addAll(List.of("/usr/bin/cat", data.resolve("f").toString(), secret.toString()));
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readOnly(data.toString()).build()
                .command(command).trace().start();
        Streams out = finish(process);
        assertEquals("f", out.stdout());
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS));
        TraceEntry denial = trace.denials().stream().filter(e -> e.access().path().equals(secret.toString()))
                .findFirst().orElseThrow(() -> new AssertionError(trace.entries().toString()));
        assertEquals("--ro " + secret, denial.verdict().fix().flag());
        assertEquals("/usr/bin/cat", denial.executable());
    }
}
