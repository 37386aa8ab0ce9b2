package dev.paddock.core.launch;

import dev.paddock.core.sys.ThreadRestrictions;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The fresh platform threads that spawns confine, each started ahead of the launch that uses it. One unconfined
 * thread waits, parked, for a single task; a launch hands it its spawn (which confines the thread, spawns and
 * returns), and the thread ends after that task. Once the spawn is done, a maker thread starts the next waiting
 * thread, off the launch's path: starting a thread (creating it, and the JVM's handshake before it runs) costs a
 * launch far more than waking one that waits.
 *
 * <p>No thread runs two tasks, so a thread's confinement never outlives its spawn, and a waiting thread has never
 * been confined or filtered. A launch that finds no waiting thread (the first one, or several at once) starts its
 * own, as before. So does a caller whose own thread carries a seccomp filter or no_new_privs (a thread confined by
 * hand, or a test simulating a kernel without Landlock): a thread inherits those from the thread that starts it,
 * and its child must get what the caller's thread carries, not what the maker's does.
 */
final class SpawnThreads {
    /** The name of a thread running a spawn; it ends with the spawn. */
    static final String NAME = "paddock-spawn";
    private static final String WAITING_NAME = "paddock-spawn-waiting";

    /**
     * A spawn thread makes a handful of native calls and ends; a small stack makes it cheaper to create than the
     * default (about 1 MiB here), and is far more than those calls need.
     */
    private static final long STACK_BYTES = 256 * 1024;

    private static final AtomicReference<Waiting> READY = new AtomicReference<>();
    private static final ExecutorService MAKER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "paddock-spawn-maker");
        thread.setDaemon(true);
        return thread;
    });

    private SpawnThreads() {
    }

    /** Runs {@code task} on a thread that has run no other task and ends after this one; returns that thread. */
    static Thread start(Runnable task) {
        Waiting waiting = ThreadRestrictions.none() ? READY.getAndSet(null) : null;
        if (waiting != null) {
            waiting.hand(task);
            return waiting.thread;
        }
        Thread thread = new Thread(null, task, NAME, STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Has the next waiting thread started in the background, unless one already waits; call after a spawn. */
    static void prepareNext() {
        if (READY.get() == null && ThreadRestrictions.none()) { // the maker is started from such a thread too
            MAKER.execute(SpawnThreads::make);
        }
    }

    /** Whether a started thread waits for the next task now. */
    static boolean ready() {
        return READY.get() != null;
    }

    private static void make() {
        if (READY.get() != null) {
            return;
        }
        Waiting waiting = new Waiting();
        Thread thread = new Thread(null, waiting, WAITING_NAME, STACK_BYTES);
        thread.setDaemon(true);
        waiting.thread = thread;
        thread.start();
        READY.set(waiting); // only this single maker thread sets it
    }

    /** A started thread that waits for its one task. */
    private static final class Waiting implements Runnable {
        private Thread thread;
        private volatile Runnable task;

        void hand(Runnable spawn) {
            thread.setName(NAME);
            task = spawn;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            Runnable spawn;
            while ((spawn = task) == null) {
                LockSupport.park(this);
            }
            spawn.run();
        }
    }
}
