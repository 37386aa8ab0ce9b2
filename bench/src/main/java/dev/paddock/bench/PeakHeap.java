package dev.paddock.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** The most heap in use, sampled every 20 ms on a daemon thread from the call on. */
final class PeakHeap {
    private PeakHeap() {
    }

    /** Starts sampling into {@code peak}. */
    static void sampleInto(AtomicLong peak) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread sampler = new Thread(() -> {
            while (true) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-heap");
        sampler.setDaemon(true);
        sampler.start();
    }
}
