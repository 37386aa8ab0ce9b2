package dev.paddock.bench;

import javafx.animation.AnimationTimer;

/** Starts a benchmark as a user would: once the window is up and has drawn its first frames. */
final class Settled {
    /** Pulses the window draws before the benchmark starts. */
    static final int PULSES = 30;

    private Settled() {
    }

    /** Runs {@code start} on the FX thread after {@link #PULSES} pulses. */
    static void then(Runnable start) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == PULSES) {
                    stop();
                    start.run();
                }
            }
        }.start();
    }
}
