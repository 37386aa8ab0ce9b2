package dev.paddock.app;

import dev.paddock.app.model.Workspace;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.profile.ProfileLibrary;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What the window needs from the kernel and the disk, made on a thread of its own while JavaFX starts, so that the
 * first frame waits for neither: first the settings (the theme needs them), then the workspace (Landlock's features,
 * which load JNA; the profile library and templates, which load Jackson). Only models are made here: no node, no
 * image.
 */
final class Preload {
    private static volatile CompletableFuture<AppSettings> settings;
    private static volatile CompletableFuture<Workspace> workspace;

    private Preload() {
    }

    /** Starts loading; called from main, before JavaFX starts. */
    static synchronized void start() {
        if (settings == null) {
            workspace = new CompletableFuture<>(); // first: whoever sees the settings' future sees this one too
            settings = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                complete(settings, Preload::loadSettings);
                complete(workspace, Preload::loadWorkspace);
            }, "paddock-preload");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The settings, waiting for them if need be; loads them on the calling thread if {@link #start} was not called. */
    static AppSettings settings() {
        return take(settings, Preload::loadSettings);
    }

    /** The workspace, as {@link #settings()}. */
    static Workspace workspace() {
        return take(workspace, Preload::loadWorkspace);
    }

    private static <T> T take(CompletableFuture<T> loading, Supplier<T> load) {
        return loading == null ? load.get() : join(loading);
    }

    private static <T> void complete(CompletableFuture<T> future, Supplier<T> load) {
        try {
            future.complete(load.get());
        } catch (RuntimeException | Error e) {
            future.completeExceptionally(e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static AppSettings loadSettings() {
        AppSettings loaded = AppSettings.ofUser(System.getenv());
        loaded.dark(); // reads the preferences file now rather than on the JavaFX thread
        return loaded;
    }

    private static Workspace loadWorkspace() {
        // The app owns its process: it reaps what its runs leave behind, so Stop leaves no zombie anywhere.
        Sandbox.adoptOrphans(true);
        return new Workspace(LandlockSupport.detect(), ProfileLibrary.ofUser());
    }
}
