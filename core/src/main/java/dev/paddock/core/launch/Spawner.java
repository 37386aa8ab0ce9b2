package dev.paddock.core.launch;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.Landlock;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.seccomp.SeccompFilter;
import dev.paddock.core.seccomp.SeccompInstaller;
import dev.paddock.core.seccomp.SessionListener;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.sys.CStrings;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * posix_spawn through JNA. Everything is prepared on the caller's thread; then a fresh platform thread confines
 * itself (no_new_privs, the seccomp filter, landlock_restrict_self), spawns, and ends. That thread allocates nothing,
 * loads no class and starts no thread, so the Landlock domain and the filter die with it and no JVM thread is ever
 * confined or filtered. The thread is started ahead of the launch ({@link SpawnThreads}); the caller waits for the
 * spawn, not for the thread to end: the process's reaper joins it before it reports the exit.
 *
 * <p>A launch has two steps, so that the spawn thread's part overlaps the caller's. {@link #begin} hands the thread
 * its seccomp filter as soon as the filter is known, before the launch is prepared: the thread wakes and installs it
 * (tens of microseconds each) while the caller resolves the program and compiles the policy. {@link Pending#spawn}
 * then hands it the Landlock ruleset and the spawn, or {@link Pending#abandon} ends it unused. A traced launch's
 * filter is installed only once the trace serves its listener, as the thread's own calls would wait for it.
 *
 * <p>A child that shares the caller's terminal stays in the caller's process group, in the terminal's foreground, as
 * with ProcessBuilder. A child with a session of its own (a terminal, or no inherited terminal) is spawned with
 * POSIX_SPAWN_SETSID; the filter sends setsid() to a listener that the caller's thread serves during the spawn,
 * letting through only posix_spawn's own call (see {@link SessionListener}). A traced launch hands the listener to its
 * {@link dev.paddock.core.trace.Trace} instead, whose supervisor serves the traced calls and the same setsid rule.
 */
final class Spawner {

    static {
        LibC.load();
        LockSupport.unpark(null); // initialised here: the spawn thread unparks its caller, and must load no class
    }

    private Spawner() {
    }

    /**
     * The fixed-size native structures of a spawn, allocated once per launching thread instead of five times per
     * launch: a spawn is synchronous, so one thread never uses them twice at once.
     */
    private static final int ATTRIBUTES_AT = ProcessConstants.SIZEOF_FILE_ACTIONS;
    private static final int EMPTY_SET_AT = ATTRIBUTES_AT + ProcessConstants.SIZEOF_SPAWNATTR;
    private static final int FULL_SET_AT = EMPTY_SET_AT + ProcessConstants.SIZEOF_SIGSET;
    private static final int PID_AT = FULL_SET_AT + ProcessConstants.SIZEOF_SIGSET;
    private static final ThreadLocal<Memory> SCRATCH = ThreadLocal.withInitial(() -> new Memory(PID_AT + 8));

    /**
     * A started child, and the spawn thread that started it, which may still be ending: join it before reporting that
     * the child is gone, so that no confined thread is left when a caller looks.
     */
    record Spawned(int pid, Thread thread) {
    }

    /**
     * Starts (or wakes) the thread that will spawn with this filter; unless the launch is traced, it installs the
     * filter at once, while the caller prepares the rest. Every {@link Pending} must be spawned or abandoned.
     */
    static Pending begin(SeccompFilter filter) {
        SpawnThread task = new SpawnThread(SeccompInstaller.of(filter), filter.notified().isEmpty(),
                Syscall.GETTID.number(filter.architecture()));
        return new Pending(task, SpawnThreads.start(task), filter);
    }

    /** A spawn thread that has its filter, or is installing it, and waits for its spawn. */
    static final class Pending {
        private final SpawnThread task;
        private final Thread thread;
        private final SeccompFilter filter;
        private boolean settled;

        private Pending(SpawnThread task, Thread thread, SeccompFilter filter) {
            this.task = task;
            this.thread = thread;
            this.filter = filter;
        }

        /** Ends the thread without a spawn, and waits for it to be gone; nothing once the spawn was handed over. */
        void abandon() {
            if (settled) {
                return;
            }
            settled = true;
            task.abandon(thread);
            joinQuietly(thread);
            SpawnThreads.prepareNext();
        }

        /** Spawns the child; the stdio's child ends are closed in the parent afterwards. */
        Spawned spawn(SpawnSpec spec) throws SandboxException {
            if (spec.seccomp() != filter) {
                abandon();
                throw new IllegalStateException("the spawn's filter is not the one its thread was given");
            }
            boolean handedOver = false;
            int ruleset = -1;
            Memory scratch = SCRATCH.get();
            Pointer actions = scratch.share(0, ProcessConstants.SIZEOF_FILE_ACTIONS);
            Pointer attributes = scratch.share(ATTRIBUTES_AT, ProcessConstants.SIZEOF_SPAWNATTR);
            Pointer emptySet = scratch.share(EMPTY_SET_AT, ProcessConstants.SIZEOF_SIGSET);
            Pointer fullSet = scratch.share(FULL_SET_AT, ProcessConstants.SIZEOF_SIGSET);
            Pointer pid = scratch.share(PID_AT, 8);
            try (CStrings path = CStrings.of(spec.executable());
                 CStrings argv = CStrings.array(spec.argv());
                 CStrings envp = CStrings.array(spec.envp())) {
                ruleset = spec.plan() != null && spec.plan().restrictsAnything() ? Landlock.makeRuleset(spec.plan())
                        : -1;
                LibC.posix_spawn_file_actions_init(actions);
                LibC.posix_spawnattr_init(attributes);
                try {
                    spec.stdio().addFileActions(actions);
                    if (spec.directory() != null) {
                        LibC.posix_spawn_file_actions_addchdir_np(actions, spec.directory());
                    }
                    int closeError = LibC.posix_spawn_file_actions_addclosefrom_np(actions, 3);
                    if (closeError != 0) {
                        throw new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                                "this C library cannot close inherited file descriptors (posix_spawn_file_actions_"
                                        + "addclosefrom_np needs glibc 2.34): " + LibC.describe(closeError));
                    }
                    LibC.sigemptyset(emptySet);
                    LibC.sigfillset(fullSet);
                    boolean ownSession = filter.setsidToListener();
                    short flags = (short) (ProcessConstants.POSIX_SPAWN_SETSIGMASK
                            | ProcessConstants.POSIX_SPAWN_SETSIGDEF
                            | (ownSession ? ProcessConstants.POSIX_SPAWN_SETSID : 0));
                    LibC.posix_spawnattr_setflags(attributes, flags);
                    LibC.posix_spawnattr_setsigmask(attributes, emptySet);
                    LibC.posix_spawnattr_setsigdefault(attributes, fullSet);
                    LibC.posix_spawnattr_setpgroup(attributes, 0);

                    if (!task.go(ruleset, spec.plan() == null ? 0 : spec.plan().restrictFlags(), path.pointer(),
                            actions, attributes, argv.pointer(), envp.pointer(), pid)) {
                        throw new SandboxException(SandboxException.Reason.SPAWN_FAILED, "the sandboxed spawn "
                                + "thread stopped waiting for the launch of " + spec.executable() + " before it was "
                                + "prepared (it waits " + goDeadlineNanos / 1_000_000_000L + " seconds at most)");
                    }
                    handedOver = true;
                    settled = true;
                    task.runToCompletion(thread, spec);
                    if (task.spawnError != 0) {
                        joinQuietly(thread); // a failed launch ends as before: with its thread gone
                    }
                    if (task.confineError != 0) {
                        throw LaunchFailure.confine(task.confineError);
                    }
                    if (task.seccompError != 0) {
                        throw LaunchFailure.seccomp(task.seccompError);
                    }
                    if (task.spawnError == NOT_RUN) {
                        throw new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                                "the sandboxed spawn thread ended before it could start " + spec.executable());
                    }
                    if (task.spawnError != 0) {
                        throw LaunchFailure.exec(spec.executable(), task.spawnError, spec.directory());
                    }
                    spec.stdio().closeChildEnds();
                    return new Spawned(pid.getInt(0), thread);
                } finally {
                    LibC.posix_spawn_file_actions_destroy(actions);
                    LibC.posix_spawnattr_destroy(attributes);
                }
            } finally {
                if (!handedOver) {
                    abandon();
                }
                if (ruleset >= 0) {
                    LibC.close(ruleset);
                }
            }
        }
    }

    /** The verdicts of a traced launch that Landlock does not restrict at all. */
    private static final RulesetPlan UNRESTRICTED = new RulesetPlan(0, 0, 0, 0, java.util.List.of(),
            java.util.List.of(), 0);

    /** The spawn thread did not get as far as posix_spawn, for a reason it could not report. */
    private static final int NOT_RUN = -1;

    /** What a spawn thread waits for: its spawn (GO), to end unused (ABANDONED), or the deadline (GAVE_UP). */
    private static final int WAITING = 0;
    private static final int GO = 1;
    private static final int ABANDONED = 2;
    private static final int GAVE_UP = 3;

    /** Waits for a thread to end, keeping an interrupt for the caller. */
    static void joinQuietly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long the caller parks at a time while it waits for the spawn thread (a safety net: it is unparked). */
    private static final long PARK_NANOS = 10_000_000L;

    /**
     * How long a spawn thread waits for its spawn before it ends unused: a safety net, since every pending spawn is
     * spawned or abandoned, so that no filtered thread could live on even if a caller broke that rule. Tests shorten
     * it to see what a launch that stalled that long meets.
     */
    static volatile long goDeadlineNanos = 60_000_000_000L;

    /**
     * The only code that runs confined inside the JVM: a few native calls on a thread that then ends. It tells the
     * caller, by unparking it, when the listener is there to serve and when the spawn is done.
     */
    private static final class SpawnThread implements Runnable {
        private final Thread caller = Thread.currentThread();
        private final SeccompInstaller seccomp;
        private final boolean installFirst;
        private final long gettid;
        private int ruleset;
        private long restrictFlags;
        private Pointer path;
        private Pointer actions;
        private Pointer attributes;
        private Pointer argv;
        private Pointer envp;
        private Pointer pid;
        /** WAITING until the caller hands it the spawn (GO) or abandons it, or it stops waiting (GAVE_UP). */
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private int confineError;
        private int seccompError;
        private volatile int listener = -1;
        private volatile boolean done;
        private int tid = -1;
        private int spawnError = NOT_RUN;

        SpawnThread(SeccompInstaller seccomp, boolean installFirst, long gettid) {
            this.seccomp = seccomp;
            this.installFirst = installFirst;
            this.gettid = gettid;
        }

        /**
         * Hands the thread its spawn; the fields are read after {@code state} turns GO, which publishes them. False
         * when the thread stopped waiting first: it has closed its listener, whose fd number may belong to another
         * launch by now, and ends without spawning.
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

        void abandon(Thread thread) {
            state.compareAndSet(WAITING, ABANDONED);
            LockSupport.unpark(thread);
        }

        /**
         * Serves the filter's listener while the thread spawns, and returns once the spawn is done (the thread may
         * still be ending).
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
                joinQuietly(thread); // it ended without a word: see what it left
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
                        LibC.close(listener); // abandoned: nobody will serve it
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
         * Waits, parked, for the spawn; false when abandoned (or never handed one). Spinning here would win little on
         * an idle machine and lose much on a busy one: a thread that gives up its CPU while it spins waits behind the
         * others for its next turn, where one that parks is woken ahead of them.
         */
        private boolean awaitGo() {
            long start = System.nanoTime();
            while (state.get() == WAITING && System.nanoTime() - start < goDeadlineNanos) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            state.compareAndSet(WAITING, GAVE_UP); // from here on the caller's go() fails and leaves the fd alone
            return state.get() == GO;
        }
    }
}
