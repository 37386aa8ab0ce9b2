package dev.paddock.app.model;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a piece of a test on the FX thread, as the views would call the models, and hands back its result. */
final class OnFx {
    private OnFx() {
    }

    static <T> T call(Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(body.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /** Runs {@code body} on the FX thread and waits for it. */
    static void run(Runnable body) throws Exception {
        call(() -> {
            body.run();
            return null;
        });
    }
}
