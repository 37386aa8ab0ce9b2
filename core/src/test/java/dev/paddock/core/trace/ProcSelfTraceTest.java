package dev.paddock.core.trace;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /proc/self as the traced program sees it: every path the trace shows and judges names the program's own pid, never
 * the JVM's, however the program reaches it (the path itself, /proc/thread-self, a link such as /proc/mounts or
 * /etc/mtab, a relative path from /proc, /dev/fd); and the fix it proposes, a rule on /proc, lets the access through
 * on the next run. As root and as nobody.
 */
class ProcSelfTraceTest {
    /** Each line runs one process that says its pid, then becomes cat on a path that leads to its own /proc entry. */
    private static final String SCRIPT = """
            /usr/bin/sh -c 'echo self $$; exec /usr/bin/cat /proc/self/mounts'
            /usr/bin/sh -c 'echo link $$; exec /usr/bin/cat /proc/mounts'
            /usr/bin/sh -c 'echo mtab $$; exec /usr/bin/cat /etc/mtab'
            /usr/bin/sh -c 'echo thread $$; exec /usr/bin/cat /proc/thread-self/stat'
            /usr/bin/sh -c 'echo cwd $$; cd /proc && exec /usr/bin/cat self/status'
            /usr/bin/sh -c 'echo fd $$; exec /usr/bin/cat /dev/fd/3' 3<"$1"
            """;
    private static final String JVM = "/proc/" + ProcessHandle.current().pid() + "/";

    @TempDir
    Path root;

    @Test
    void procSelfNamesTheTracedProgramAsRoot() throws Exception {
        check(List.of());
    }

    @Test
    void procSelfNamesTheTracedProgramAsNobody() throws Exception {
        check(AsNobody.prefix());
    }

    private void check(List<String> prefix) throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path script = Files.writeString(data.resolve("run.sh"), SCRIPT);
        Path fed = Files.writeString(data.resolve("fed"), "fed through fd 3\n");
        if (!prefix.isEmpty()) {
            AsNobody.openUp(root, script);
            AsNobody.openUp(root, fed);
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/usr/bin/sh", script.toString(), fed.toString()));

        Run first = run(Sandbox.builder().readExec("/usr").readOnly("/etc").readOnly(data.toString()).build(), command);
        Map<String, String> pids = first.pids();
        assertEquals(6, pids.size(), first.out.stdout());
        for (TraceEntry e : first.trace.entries()) {
            assertFalse(e.access().path() != null && e.access().path().startsWith(JVM),
                    "the JVM's own /proc entry: " + e.access().describe());
        }
        expectDenied(first, "/proc/" + pids.get("self") + "/mounts");
        expectDenied(first, "/proc/" + pids.get("link") + "/mounts");
        expectDenied(first, "/proc/" + pids.get("mtab") + "/mounts");
        expectDenied(first, "/proc/" + pids.get("thread") + "/task/" + pids.get("thread") + "/stat");
        expectDenied(first, "/proc/" + pids.get("cwd") + "/status");
        // /dev/fd/3 is cat's fd 3, the file the shell opened for it, not the JVM's fd 3
        assertTrue(first.trace.entries().stream().anyMatch(e -> "/usr/bin/cat".equals(e.executable())
                && e.access().operation() == Operation.READ && e.access().path().equals(fed.toString())
                && e.verdict().kind() == Verdict.Kind.ALLOWED), first.trace.entries().toString());
        assertTrue(first.out.stdout().contains("fed through fd 3"), first.out.stdout());

        // the proposed rule, applied, lets every one of them through
        Run second = run(Sandbox.builder().readExec("/usr").readOnly("/etc").readOnly(data.toString())
                .readOnly("/proc").build(), command);
        assertEquals(List.of(), second.trace.denials().stream().map(e -> e.access().describe()).toList());
        assertTrue(second.out.stdout().contains("Tgid:"), "cat read its own status: " + second.out.stdout());
        assertTrue(second.out.stdout().contains(" /proc proc "), "cat read its own mounts: " + second.out.stdout());
        assertEquals("", second.out.stderr());
    }

    private static void expectDenied(Run run, String path) {
        TraceEntry denial = run.trace.denials().stream().filter(e -> e.access().path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not among " + run.trace.denials().stream()
                        .map(e -> e.access().describe()).toList()));
        Fix fix = denial.verdict().fix();
        assertEquals("--ro /proc", fix.flag());
        assertEquals(Fix.WHOLE_PROC, fix.caveat());
        assertEquals("/usr/bin/cat", denial.executable());
    }

    private static Run run(Sandbox sandbox, List<String> command) throws Exception {
        SandboxedProcess process = sandbox.command(command).trace().start();
        Streams out = Streams.drain(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run finishes");
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS));
        return new Run(out, trace);
    }

    private record Run(Streams out, Trace trace) {
        /** What each line of the script said: its tag, and the pid of the process that then became cat. */
        Map<String, String> pids() {
            Map<String, String> pids = new HashMap<>();
            for (String line : out.stdout().split("\n")) {
                String[] words = line.split(" ");
                if (words.length == 2 && words[1].chars().allMatch(Character::isDigit)) {
                    pids.put(words[0], words[1]);
                }
            }
            return pids;
        }
    }
}
