package dev.paddock.bench;

import dev.paddock.app.console.ConsoleView;
import dev.paddock.app.model.RunSession;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sandboxed child writes 256 MiB of 80-byte lines as fast as it can, on a pseudo-terminal, into Paddock's console
 * in a real window, started once the window has drawn its first frames. Prints the ingest rate, the peak heap, and
 * the gaps between FX pulses from the start of the run.
 *
 * <pre>bench/console-flood.sh   (runs this under Xvfb; see docs/PERFORMANCE.md)</pre>
 */
public final class ConsoleFloodBenchmark extends Application {
    static final long MEBIBYTES = Long.getLong("bench.mib", 256);
    private static final String WRITER = "import sys\nline = b'x' * 79 + b'\\n'\nchunk = line * 13107\n"
            + "w = sys.stdout.buffer.write\nfor _ in range(" + MEBIBYTES + "):\n    w(chunk)\n"
            + "sys.stdout.buffer.flush()\n";

    private final AtomicLong peakHeap = new AtomicLong();
    private long lastPulse;
    private long longestGap;
    private long started;
    private long discarded;
    private final java.util.List<Long> gaps = new java.util.ArrayList<>();
    private boolean terminal;
    private long allReceived;
    private final java.util.List<String> longGaps = new java.util.ArrayList<>();

    @Override
    public void start(Stage stage) {
        ConsoleView console = new ConsoleView();
        Scene scene = new Scene(console, 1280, 800);
        scene.getStylesheets().add(dev.paddock.app.PaddockApp.class.getResource("paddock.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        // as a user would: the window is up and has drawn its first frames before the run starts
        Settled.then(() -> flood(console));
    }

    private void flood(ConsoleView console) {
        PeakHeap.sampleInto(peakHeap);

        Policy policy = Policy.builder().readExec("/usr").command("/usr/bin/python3", "-S", "-I", "-c", WRITER)
                .build();
        Profile profile = new Profile("flood", "", "", policy);
        long expected = MEBIBYTES * 13107 * 80;
        started = System.nanoTime();
        boolean terminal = !Boolean.getBoolean("bench.pipes");
        RunSession session = RunSession.start(profile, null, terminal, 200, 50, false);
        this.terminal = terminal;
        if (Boolean.getBoolean("bench.discard")) {
            // the ceiling without the console: read the PTY and throw the bytes away
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    session.output().drain();
                    discarded = session.output().received();
                }
            }.start();
        } else {
            console.attach(session.output());
        }
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastPulse != 0) {
                    longestGap = Math.max(longestGap, now - lastPulse);
                    gaps.add(now - lastPulse);
                    if (now - lastPulse > 100_000_000L) {
                        longGaps.add(String.format(Locale.ROOT, "%.0f ms at %.2f s", (now - lastPulse) / 1e6,
                                (lastPulse - started) / 1e9));
                    }
                }
                lastPulse = now;
                // a PTY turns each \n into \r\n, so the console receives one byte more per line
                long received = Boolean.getBoolean("bench.discard") ? discarded : console.receivedProperty().get();
                long total = terminal ? expected + expected / 80 : expected;
                if (received >= total && allReceived == 0) {
                    allReceived = System.nanoTime();
                }
                // done when everything came in and the console shows the last lines (the flood preview is over)
                boolean shown = Boolean.getBoolean("bench.discard") || console.lineCount() > 1;
                if (received >= total && !session.isActive() && shown) {
                    stop();
                    report(received, console.lineCount());
                    System.out.printf(Locale.ROOT, "  FX time in console %.2f s%n", console.drainNanos() / 1e9);
                    Platform.exit();
                }
            }
        }.start();
    }

    private void report(long received, int lines) {
        double seconds = (allReceived - started) / 1e9;
        double shown = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "Console flood: %d MiB of 80-byte lines from a sandboxed child on %s%n",
                MEBIBYTES, terminal ? "a pseudo-terminal" : "pipes");
        System.out.printf(Locale.ROOT, "  bytes received     %d (%.1f MB) in %.2f s%n", received, received / 1e6,
                seconds);
        System.out.printf(Locale.ROOT, "  ingest rate        %.1f MB/s%n", received / 1e6 / seconds);
        System.out.printf(Locale.ROOT, "  last line shown    %.2f s after the start%n", shown);
        System.out.printf(Locale.ROOT, "  peak heap used     %.1f MB (max heap %d MB)%n", peakHeap.get() / 1e6,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "  longest pulse gap  %.1f ms%n", longestGap / 1e6);
        java.util.List<Long> sorted = gaps.stream().sorted().toList();
        long over100 = sorted.stream().filter(g -> g > 100_000_000L).count();
        System.out.printf(Locale.ROOT, "  pulses             %d, p50 gap %.1f ms, p99 gap %.1f ms, %d gaps over 100 ms%n",
                sorted.size(), sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                over100);
        if (!longGaps.isEmpty()) {
            System.out.println("  gaps over 100 ms   " + String.join(", ", longGaps) + " (from the start of the run)");
        }
        System.out.printf(Locale.ROOT, "  lines in the area  %d%n", lines);
    }
}
