package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.seccomp.SeccompRule;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.paddock.core.launch.LaunchUnderLoadTest.threadsWithNoNewPrivs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The filter is picked before the launch is prepared, on a spawn thread that waits for the rest: two policies with
 * different seccomp rules and different rulesets, launched at once from 8 threads (half of them with no_new_privs of
 * their own), children as root and as nobody, with refused and interrupted launches in between: every child has
 * exactly its own policy's filter and ruleset, and nothing is left behind.
 */
class TwoPoliciesAtOnceTest {
    private static final String[] OPERATIONS = {"read:A", "read:B", "udp-socket:4", "memfd:", "mptcp:", "setsid:"};

    @TempDir
    Path root;

    @Test
    void eightThreadsLaunchTwoPoliciesWithTheirOwnFiltersAndRulesets() throws Exception {
        Path a = Files.createDirectories(root.resolve("a"));
        Path b = Files.createDirectories(root.resolve("b"));
        Files.writeString(a.resolve("f"), "a");
        Files.writeString(b.resolve("f"), "b");
        AsNobody.openUp(root, a.resolve("f"));
        AsNobody.openUp(root, b.resolve("f"));
        Sandbox hardened = Sandbox.builder().readExec("/usr").readOnly(a.toString()).harden(SeccompRule.UDP)
                .harden(SeccompRule.MEMFD_EXEC).build();
        Sandbox open = Sandbox.builder().readExec("/usr").readOnly(b.toString()).unrestrictedNetwork(true).build();
        List<String> expectedHardened = List.of("ok", "EACCES", "EPERM", "EPERM", "EPERM", "ENOSYS");
        List<String> expectedOpen = results(open, false, false, a, b); // MPTCP's answer is the kernel's here
        assertEquals(List.of("EACCES", "ok", "ok", "ok"), expectedOpen.subList(0, 4));
        assertEquals("ENOSYS", expectedOpen.get(5));
        assertEquals(expectedHardened, results(hardened, false, false, a, b));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                boolean noNewPrivs = t % 2 == 1;
                int thread = t;
                done.add(pool.submit(() -> {
                    if (noNewPrivs) {
                        assertEquals(0, LibC.prctl(ProcessConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
                    }
                    int checked = 0;
                    for (int i = 0; i < 30; i++) {
                        boolean first = (i + thread) % 2 == 0;
                        boolean nobody = i % 3 == 0;
                        if (i % 5 == 4) {
                            assertThrows(SandboxException.class, () -> (first ? hardened : open)
                                    .command(root.resolve("missing").toString()).start());
                        }
                        List<String> got = results(first ? hardened : open, nobody, i % 7 == 6, a, b);
                        assertEquals(first ? expectedHardened : expectedOpen, got,
                                (first ? "hardened" : "open") + (nobody ? " as nobody" : "") + ", launch " + i);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : done) {
                assertEquals(30, result.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES); // its threads carry no_new_privs until they end
        }
        assertEquals(List.of(), threadsWithNoNewPrivs());
    }

    /** The probe's results; {@code interrupted}: the caller is interrupted while it launches (it keeps the flag). */
    private static List<String> results(Sandbox sandbox, boolean nobody, boolean interrupted, Path a, Path b)
            throws Exception {
        List<String> command = new ArrayList<>(nobody ? AsNobody.prefix() : List.of());
        for (String word : Probe.command(OPERATIONS)) {
            command.add(word.replace("read:A", "read:" + a.resolve("f")).replace("read:B", "read:" + b.resolve("f")));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        SandboxedProcess process = sandbox.command(command).start();
        assertEquals(interrupted, Thread.interrupted(), "the caller's interrupt is kept, and only that");
        return Probe.Outputs.collect(process, OPERATIONS.length);
    }
}
