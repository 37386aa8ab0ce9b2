package dev.paddock.app;

import dev.paddock.core.sys.NativeStartup;
import javafx.application.Application;

/** The main class: a plain class, so the app starts from the classpath without JavaFX modules. */
public final class AppMain {

    private AppMain() {
    }

    public static void main(String[] args) {
        StartupReport.mark("main");
        NativeStartup.skipLibraryDirectoryScan();
        Preload.start();
        Application.launch(PaddockApp.class, args);
    }
}
