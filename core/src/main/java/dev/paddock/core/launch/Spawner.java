package dev.paddock.core.launch;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.Landlock;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.seccomp.SeccompInstaller;
import dev.paddock.core.seccomp.SessionListener;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.sys.CStrings;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.util.concurrent.locks.LockSupport;

/**
 * posix_spawn through JNA. Everything is prepared on the caller's thread; then a fresh platform thread confines
 * itself (no_new_privs, landlock_restrict_self, the seccomp filter), spawns, and ends. That thread allocates
 * nothing, loads no class and starts no thread, so the Landlock domain and the filter die with it and no JVM thread
 * is ever confined or filtered. The thread is started ahead of the launch ({@link SpawnThreads}); the caller waits
 * for the spawn, not for the thread to end: the process's reaper joins it before it reports the exit.
 *
 * <p>A child that shares the caller's terminal stays in the caller's process group, in the terminal's foreground, as
 * with ProcessBuilder. A child with a session of its own (a terminal, or no inherited terminal) is spawned with
 * POSIX_SPAWN_SETSID;
 * the filter sends setsid() to a listener that the caller's thread serves during the spawn, letting through only
 * posix_spawn's own call (see {@link SessionListener}). A traced launch hands the listener to its
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

    /** Spawns the child; the stdio's child ends are closed in the parent afterwards. */
    static Spawned spawn(SpawnSpec spec) throws SandboxException {
        int ruleset = spec.plan() != null && spec.plan().restrictsAnything() ? Landlock.makeRuleset(spec.plan()) : -1;
        Memory scratch = SCRATCH.get();
        Pointer actions = scratch.share(0, ProcessConstants.SIZEOF_FILE_ACTIONS);
        Pointer attributes = scratch.share(ATTRIBUTES_AT, ProcessConstants.SIZEOF_SPAWNATTR);
        Pointer emptySet = scratch.share(EMPTY_SET_AT, ProcessConstants.SIZEOF_SIGSET);
        Pointer fullSet = scratch.share(FULL_SET_AT, ProcessConstants.SIZEOF_SIGSET);
        Pointer pid = scratch.share(PID_AT, 8);
        try (CStrings path = CStrings.of(spec.executable());
             CStrings argv = CStrings.array(spec.argv());
             CStrings envp = CStrings.array(spec.envp())) {
            SeccompInstaller seccomp = SeccompInstaller.of(spec.seccomp());
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
                boolean ownSession = spec.seccomp().setsidToListener();
                short flags = (short) (ProcessConstants.POSIX_SPAWN_SETSIGMASK | ProcessConstants.POSIX_SPAWN_SETSIGDEF
                        | (ownSession ? ProcessConstants.POSIX_SPAWN_SETSID : 0));
                LibC.posix_spawnattr_setflags(attributes, flags);
                LibC.posix_spawnattr_setsigmask(attributes, emptySet);
                LibC.posix_spawnattr_setsigdefault(attributes, fullSet);
                LibC.posix_spawnattr_setpgroup(attributes, 0);

                SpawnThread task = new SpawnThread(ruleset, spec.plan() == null ? 0 : spec.plan().restrictFlags(),
                        seccomp, path.pointer(), actions, attributes, argv.pointer(), envp.pointer(), pid,
                        Syscall.GETTID.number(spec.seccomp().architecture()));
                Thread thread = task.runToCompletion(spec);
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
            if (ruleset >= 0) {
                LibC.close(ruleset);
            }
        }
    }

    /** The verdicts of a traced launch that Landlock does not restrict at all. */
    private static final RulesetPlan UNRESTRICTED = new RulesetPlan(0, 0, 0, 0, java.util.List.of(),
            java.util.List.of(), 0);

    /** The spawn thread did not get as far as posix_spawn, for a reason it could not report. */
    private static final int NOT_RUN = -1;

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
     * The only code that runs confined inside the JVM: a few native calls on a thread that then ends. It tells the
     * caller, by unparking it, when the listener is there to serve and when the spawn is done.
     */
    private static final class SpawnThread implements Runnable {
        private final Thread caller = Thread.currentThread();
        private final int ruleset;
        private final long restrictFlags;
        private final SeccompInstaller seccomp;
        private final Pointer path;
        private final Pointer actions;
        private final Pointer attributes;
        private final Pointer argv;
        private final Pointer envp;
        private final Pointer pid;
        private int confineError;
        private int seccompError;
        private volatile int listener = -1;
        private volatile boolean done;
        private int tid = -1;
        private int spawnError = NOT_RUN;

        private final long gettid;

        SpawnThread(int ruleset, long restrictFlags, SeccompInstaller seccomp, Pointer path, Pointer actions,
                    Pointer attributes, Pointer argv, Pointer envp, Pointer pid, long gettid) {
            this.gettid = gettid;
            this.ruleset = ruleset;
            this.restrictFlags = restrictFlags;
            this.seccomp = seccomp;
            this.path = path;
            this.actions = actions;
            this.attributes = attributes;
            this.argv = argv;
            this.envp = envp;
            this.pid = pid;
        }

        /**
         * Runs on a fresh thread and, while it spawns, serves the filter's listener from this one; returns once the
         * spawn is done, with the thread that did it (which may still be ending).
         */
        Thread runToCompletion(SpawnSpec spec) {
            Thread thread = SpawnThreads.start(this);
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
            return thread;
        }

        @Override
        public void run() {
            try {
                spawn();
            } finally {
                done = true;
                LockSupport.unpark(caller);
            }
        }

        private void spawn() {
            if (ruleset >= 0) {
                confineError = Landlock.confineCallingThread(ruleset, restrictFlags);
                if (confineError != 0) {
                    return;
                }
            }
            if (seccomp.hasListener()) {
                tid = (int) LibC.syscall(gettid, 0, 0, 0, 0);
            }
            int installed = seccomp.install();
            if (installed < 0) {
                seccompError = -installed;
                return;
            }
            if (seccomp.hasListener()) {
                listener = installed;
                LockSupport.unpark(caller);
            }
            spawnError = LibC.posix_spawn(pid, path, actions, attributes, argv, envp);
        }
    }
}
