package dev.paddock.bench;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedCommand;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.trace.Trace;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file-heavy workload run sandboxed, untraced and traced, side by side: {@code find /usr -xdev} by default (every
 * directory it lists is one traced openat), or any command given. Rounds alternate the two so that noise hits both
 * alike; prints the median and p90 wall time of each and the ratio. See docs/PERFORMANCE.md.
 *
 * <p>Usage: TraceBenchmark [ROUNDS] [-- COMMAND...]
 */
public final class TraceBenchmark {
    private TraceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 && !args[0].equals("--") ? Integer.parseInt(args[0]) : 10;
        int dash = Arrays.asList(args).indexOf("--");
        List<String> command = dash >= 0 ? Arrays.asList(args).subList(dash + 1, args.length)
                : List.of("/usr/bin/find", "/usr", "-xdev");
        Sandbox sandbox = Sandbox.builder().readExec("/usr").build();
        run(sandbox, command, false);
        run(sandbox, command, true);
        List<Double> plain = new ArrayList<>();
        List<Double> traced = new ArrayList<>();
        long events = 0;
        for (int i = 0; i < rounds; i++) {
            plain.add(run(sandbox, command, false)[0]);
            double[] t = run(sandbox, command, true);
            traced.add(t[0]);
            events = (long) t[1];
        }
        double p = median(plain);
        double t = median(traced);
        System.out.printf("workload: %s, %d rounds each, alternating%n", String.join(" ", command), rounds);
        System.out.printf("untraced: median %.0f ms, p90 %.0f ms%n", p, p90(plain));
        System.out.printf("traced:   median %.0f ms, p90 %.0f ms (%d accesses traced per run)%n", t, p90(traced),
                events);
        System.out.printf("traced / untraced: %.2fx%n", t / p);
    }

    /** Wall time in ms from start() to exit, and the accesses traced. */
    private static double[] run(Sandbox sandbox, List<String> command, boolean trace) throws Exception {
        SandboxedCommand cmd = sandbox.command(command).redirectError(Redirect.DISCARD);
        if (trace) {
            cmd.trace();
        }
        long start = System.nanoTime();
        SandboxedProcess process = cmd.start();
        try (InputStream out = process.getInputStream()) {
            out.transferTo(OutputStream.nullOutputStream());
        }
        process.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        long events = 0;
        if (trace) {
            Trace t = process.trace().orElseThrow();
            t.awaitEnd(5, TimeUnit.SECONDS);
            events = t.events();
        }
        return new double[] {ms, events};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double p90(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1));
    }
}
