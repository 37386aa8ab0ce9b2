package dev.paddock.bench;

import javafx.application.Application;

/** Starts {@link ConsoleFloodBenchmark}; a plain main class, so JavaFX runs from the classpath. */
public final class ConsoleFlood {

    private ConsoleFlood() {
    }

    public static void main(String[] args) {
        Application.launch(ConsoleFloodBenchmark.class, args);
    }
}
