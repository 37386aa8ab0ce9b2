package dev.paddock.core.launch;

import com.sun.jna.Pointer;
import dev.paddock.core.landlock.Landlock;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.seccomp.SeccompInstaller;
import dev.paddock.core.seccomp.SessionListener;
import dev.paddock.core.sys.LibC;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The only code that runs confined inside the JVM: a few native calls on a thread of its own ({@link SpawnThreads})
 * that then ends. It installs the seccomp filter (first, while the caller prepares the launch, unless the launch is
 * traced), waits for its spawn, confines itself with the Landlock ruleset and calls posix_spawn. It allocates
 * nothing and loads no class once it runs. It tells the caller, by unparking it, when the listener is there to serve
 * and when the spawn is done.
 */
final class SpawnThread implements Runnable {
    /** The thread did not get as far as posix_spawn, for a reason it could not report. */
    static final int NOT_RUN = -1;

    /** How long the caller parks at a time while it waits for the spawn thread (a safety net: it is unparked). */
    private static final long PARK_NANOS = 10_000_000L;

    /** The verdicts of a traced launch that Landlock does not restrict at all. */
    private static final RulesetPlan UNRESTRICTED = new RulesetPlan(0, 0, 0, 0, List.of(), List.of(), 0);

    private static final int WAITING = 0;
    private static final int GO = 1;
    private static final int ABANDONED = 2;
    private static final int GAVE_UP = 3;

    private final Thread caller = Thread.currentThread();
    private final SeccompInstaller seccomp;
    private final boolean installFirst;
    private final long gettid;
    private final long deadlineNanos;
    /** WAITING until the caller hands the spawn over (GO) or abandons it, or the thread gives up waiting. */
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private int ruleset;
    private long restrictFlags;
    private Pointer path;
    private Pointer actions;
    private Pointer attributes;
    private Pointer argv;
    private Pointer envp;
    private Pointer pid;
    private int confineError;
    private int seccompError;
    private volatile int listener = -1;
    private volatile boolean done;
    private int tid = -1;
    private int spawnError = NOT_RUN;

    /**
     * @param seccomp       the filter to install
     * @param installFirst  whether to install it before waiting for the spawn, else after Landlock
     * @param gettid        the gettid system call's number, for a traced launch's supervisor
     * @param deadlineNanos how long to wait for the spawn before ending unused
     */
    SpawnThread(SeccompInstaller seccomp, boolean installFirst, long gettid, long deadlineNanos) {
        this.seccomp = seccomp;
        this.installFirst = installFirst;
        this.gettid = gettid;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Hands the thread its spawn; the fields are published by the change of state. Returns false when the thread gave
     * up waiting and ended, so that the spawn needs another.
     */
    boolean go(int ruleset, long restrictFlags, Pointer path, Pointer actions, Pointer attributes, Pointer argv,
               Pointer envp, Pointer pid) {
        this.ruleset = ruleset;
        this.restrictFlags = restrictFlags;
        this.path = path;
        this.actions = actions;
        this.attributes = attributes;
        this.argv = argv;
        this.envp = envp;
        this.pid = pid;
        return state.compareAndSet(WAITING, GO);
    }

    /** Ends the thread without a spawn (it closes its listener); the caller then joins it. */
    void abandon(Thread thread) {
        state.compareAndSet(WAITING, ABANDONED);
        LockSupport.unpark(thread);
    }

    int confineError() {
        return confineError;
    }

    int seccompError() {
        return seccompError;
    }

    int spawnError() {
        return spawnError;
    }

    /**
     * Serves the filter's listener while the thread spawns, and returns once the spawn is done (the thread may still
     * be ending).
     */
    void runToCompletion(Thread thread, SpawnSpec spec) {
        LockSupport.unpark(thread);
        if (seccomp.hasListener()) {
            while (listener < 0 && !done && thread.isAlive()) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            if (listener >= 0 && spec.trace() != null) {
                spec.trace().attach(listener, spec.seccomp().architecture(), spec.seccomp().setsidToListener(),
                        tid, spec.plan() != null ? spec.plan() : UNRESTRICTED);
            } else if (listener >= 0) {
                SessionListener.allowSpawnSetsid(listener, spec.seccomp().architecture(), () -> !done);
            }
        }
        while (!done && thread.isAlive()) {
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        if (!done) {
            Spawner.joinQuietly(thread); // it ended without a word: see what it left
        }
        SpawnThreads.prepareNext();
    }

    @Override
    public void run() {
        try {
            if (seccomp.hasListener()) {
                tid = (int) LibC.syscall(gettid, 0, 0, 0, 0);
            }
            if (installFirst && !install()) {
                return;
            }
            if (!awaitGo()) {
                if (listener >= 0) {
                    LibC.close(listener); // nobody will serve it
                }
                return;
            }
            if (ruleset >= 0) {
                confineError = Landlock.confineCallingThread(ruleset, restrictFlags);
                if (confineError != 0) {
                    return;
                }
            }
            if (!installFirst && !install()) {
                return;
            }
            spawnError = LibC.posix_spawn(pid, path, actions, attributes, argv, envp);
        } finally {
            done = true;
            LockSupport.unpark(caller);
        }
    }

    /** Installs the filter; publishes its listener, if it has one, to the caller. */
    private boolean install() {
        int installed = seccomp.install();
        if (installed < 0) {
            seccompError = -installed;
            return false;
        }
        if (seccomp.hasListener()) {
            listener = installed;
            LockSupport.unpark(caller);
        }
        return true;
    }

    /**
     * Waits, parked, for the spawn; false when abandoned, or when none came before the deadline. Spinning here would
     * win little on an idle machine and lose much on a busy one: a thread that gives up its CPU while it spins waits
     * behind the others for its next turn, where one that parks is woken ahead of them.
     */
    private boolean awaitGo() {
        long start = System.nanoTime();
        while (state.get() == WAITING && System.nanoTime() - start < deadlineNanos) {
            LockSupport.parkNanos(this, Math.min(PARK_NANOS, deadlineNanos));
        }
        return !state.compareAndSet(WAITING, GAVE_UP) && state.get() == GO;
    }
}
