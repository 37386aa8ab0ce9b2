package dev.paddock.bench;

import dev.paddock.core.launch.Sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Warm launch-to-reap of /usr/bin/true: plain ProcessBuilder, an unconfined JNA posix_spawn, and a Paddock
 * sandboxed launch, interleaved round by round so that machine noise hits all three alike. Prints p50 and p95.
 *
 * <pre>mvn -q install -DskipTests && mvn -q -pl bench exec:exec [-Dbench.rounds=ROUNDS]</pre>
 *
 * (core and app must be installed; docs/PERFORMANCE.md has the command with a local repository of its own.)
 */
public final class LaunchBenchmark {
    private static final String PROGRAM = "/usr/bin/true";

    private interface Launcher {
        Process start() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Sandbox sandboxed = Sandbox.builder().readExec("/usr").build();
        Sandbox unconfined = Sandbox.builder().unrestrictedFilesystem(true).unrestrictedNetwork(true)
                .unrestrictedScopes(true).allowUnsandboxed(true).build();
        List<String> names = List.of("ProcessBuilder", "JNA spawn, unconfined", "Paddock sandboxed");
        List<Launcher> launchers = List.of(
                () -> new ProcessBuilder(PROGRAM).start(),
                () -> unconfined.command(PROGRAM).start(),
                () -> sandboxed.command(PROGRAM).start());

        for (int i = 0; i < 300; i++) {
            for (Launcher launcher : launchers) {
                launchAndReap(launcher);
            }
        }
        long[][] samples = new long[launchers.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int which = 0; which < launchers.size(); which++) {
                samples[which][round] = launchAndReap(launchers.get(which));
            }
        }
        System.out.printf(Locale.ROOT, "Warm launch-to-reap of %s, %d interleaved rounds, JDK %s, %d CPUs%n", PROGRAM,
                rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-24s %9s %9s %12s%n", "launcher", "p50 ms", "p95 ms", "p50 vs PB");
        double baseline = percentile(samples[0], 50);
        List<String> lines = new ArrayList<>();
        for (int which = 0; which < launchers.size(); which++) {
            double p50 = percentile(samples[which], 50);
            lines.add(String.format(Locale.ROOT, "%-24s %9.3f %9.3f %11.2fx", names.get(which), p50 / 1e6,
                    percentile(samples[which], 95) / 1e6, p50 / baseline));
        }
        lines.forEach(System.out::println);
    }

    private static long launchAndReap(Launcher launcher) throws Exception {
        long start = System.nanoTime();
        Process process = launcher.start();
        process.getOutputStream().close();
        process.getInputStream().close();
        process.getErrorStream().close();
        int exit = process.waitFor();
        long elapsed = System.nanoTime() - start;
        if (exit != 0) {
            throw new IllegalStateException(PROGRAM + " exited with " + exit);
        }
        return elapsed;
    }

    private static double percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
