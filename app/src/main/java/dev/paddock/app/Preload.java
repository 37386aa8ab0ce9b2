package dev.paddock.app;

import dev.paddock.app.model.Workspace;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.profile.ProfileLibrary;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the window needs from the kernel and the disk (Landlock's features, which load JNA; the settings; the
 * profile library and templates, which load Jackson), made on a thread of its own while JavaFX starts, so that the
 * first frame waits for neither. Only models are made here: no node, no image.
 */
final class Preload {
    record Loaded(AppSettings settings, Workspace workspace) {
    }

    private static CompletableFuture<Loaded> pending;

    private Preload() {
    }

    /** Starts loading; called from main, before JavaFX starts. */
    static synchronized void start() {
        if (pending == null) {
            pending = new CompletableFuture<>();
            Thread thread = new Thread(Preload::complete, "paddock-preload");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void complete() {
        try {
            pending.complete(load());
        } catch (RuntimeException | Error e) {
            pending.completeExceptionally(e);
        }
    }

    /** What was loaded, waiting for it if need be; loads on the calling thread if {@link #start} was not called. */
    static Loaded take() {
        CompletableFuture<Loaded> loading;
        synchronized (Preload.class) {
            loading = pending;
        }
        if (loading == null) {
            return load();
        }
        try {
            return loading.join();
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

    private static Loaded load() {
        AppSettings settings = AppSettings.ofUser();
        return new Loaded(settings, new Workspace(LandlockSupport.detect(), ProfileLibrary.ofUser()));
    }
}
