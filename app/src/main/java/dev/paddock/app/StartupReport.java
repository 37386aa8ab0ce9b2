package dev.paddock.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up benchmark's timeline ({@code -Dpaddock.startup.report=true}, or {@code PADDOCK_STARTUP_REPORT=1} in
 * the environment for the installed launcher, which takes no JVM options): milestones in milliseconds since the JVM
 * started, printed when the first frame has been drawn, with the wall-clock time of that frame so that a script can
 * measure from before it started the process. Costs nothing when the property is not set.
 */
final class StartupReport {
    static final boolean ENABLED = Boolean.getBoolean("paddock.startup.report")
            || "1".equals(System.getenv("PADDOCK_STARTUP_REPORT"));
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> TIMES = new ArrayList<>();

    private StartupReport() {
    }

    static void mark(String milestone) {
        if (ENABLED) {
            NAMES.add(milestone);
            TIMES.add(System.currentTimeMillis());
        }
    }

    /**
     * Prints the milestones, then the lines the benchmark scripts read: "first frame after N ms" (since the JVM
     * started) and "first frame at EPOCH_MS".
     */
    static void print() {
        long now = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        for (int i = 0; i < NAMES.size(); i++) {
            System.out.printf("%6d ms  %s%n", TIMES.get(i) - jvmStart, NAMES.get(i));
        }
        System.out.println("first frame after " + (now - jvmStart) + " ms");
        System.out.println("first frame at " + now);
    }
}
