package dev.paddock.app.model;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** For the view models' tests: run on the FX thread and wait for the answer, or wait for a condition. */
final class Fx {

    private Fx() {
    }

    /** Runs the body on the FX thread and returns what it returned (or throws what it threw), within 20 s. */
    static <T> T onFx(Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(body.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(20, TimeUnit.SECONDS);
    }

    /** Whether the condition became true within 20 s, asked every 50 ms. */
    static boolean waitFor(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
