package dev.paddock.app;

import javafx.application.Application;

/** The main class: a plain class, so the app starts from the classpath without JavaFX modules. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(PaddockApp.class, args);
    }
}
