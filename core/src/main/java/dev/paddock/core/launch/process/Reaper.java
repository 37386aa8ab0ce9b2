package dev.paddock.core.launch.process;

import dev.paddock.core.launch.ExitStatus;

import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.sys.ThreadRestrictions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits for each child with waitpid(pid) on an unconfined daemon thread. Never waitpid(-1): that would steal the
 * children of the JDK's own ProcessBuilder.
 *
 * <p>The pool's threads live on and serve every launch, and a thread inherits the seccomp filter and no_new_privs of
 * the thread that starts it, which for a pool is whichever caller needed a new one. A caller whose thread carries
 * either (a thread restricted by hand, or a test simulating a kernel without Landlock) gets a reaper thread of its
 * own instead, which ends with its child.
 */
public final class Reaper {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "paddock-reaper-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private Reaper() {
    }

    /**
     * Reaps {@code pid} in the background; {@code beforeExit} runs once it is reaped, then the future completes with
     * how it ended, and then {@code afterExit} runs on the same thread (it may block until a reader of the child's
     * streams lets go).
     */
    public static CompletableFuture<ExitStatus> watch(int pid, Runnable beforeExit, Runnable afterExit) {
        CompletableFuture<ExitStatus> result = new CompletableFuture<>();
        Runnable reap = () -> {
            int[] status = new int[1];
            while (true) {
                int r = LibC.waitpid(pid, status, 0);
                if (r == pid) {
                    beforeExit.run();
                    result.complete(ExitStatus.decode(status[0]));
                    afterExit.run();
                    return;
                }
                int errno = LibC.errno();
                if (r < 0 && errno != Errno.EINTR) {
                    result.completeExceptionally(new IllegalStateException(
                            "waitpid(" + pid + ") failed: " + LibC.describe(errno)));
                    return;
                }
            }
        };
        if (ThreadRestrictions.none()) {
            THREADS.execute(reap);
        } else {
            Thread own = new Thread(reap, "paddock-reaper-restricted");
            own.setDaemon(true);
            own.start();
        }
        return result;
    }
}
