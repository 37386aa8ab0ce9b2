package dev.paddock.bench;

import javafx.application.Application;

/** Starts {@link AccessesFloodBenchmark}; a plain main class, so JavaFX runs from the classpath. */
public final class AccessesFlood {
    private AccessesFlood() {
    }

    public static void main(String[] args) {
        Application.launch(AccessesFloodBenchmark.class, args);
    }
}
