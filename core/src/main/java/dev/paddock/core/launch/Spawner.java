package dev.paddock.core.launch;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.Landlock;
import dev.paddock.core.seccomp.SeccompFilter;
import dev.paddock.core.seccomp.SeccompInstaller;
import dev.paddock.core.seccomp.SessionListener;
import dev.paddock.core.seccomp.Syscall;
import dev.paddock.core.sys.CStrings;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.LibC;

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
        long deadlineNanos = goDeadlineNanos;
        SpawnThread task = spawnThread(filter, filter.notified().isEmpty(), deadlineNanos);
        return new Pending(task, SpawnThreads.start(task), filter, deadlineNanos);
    }

    private static SpawnThread spawnThread(SeccompFilter filter, boolean installFirst, long deadlineNanos) {
        return new SpawnThread(SeccompInstaller.of(filter), installFirst, Syscall.GETTID.number(filter.architecture()),
                deadlineNanos);
    }

    /** A spawn thread that has its filter, or is installing it, and waits for its spawn. */
    static final class Pending {
        private SpawnThread task;
        private Thread thread;
        private final SeccompFilter filter;
        private final long deadlineNanos;
        private boolean settled;

        private Pending(SpawnThread task, Thread thread, SeccompFilter filter, long deadlineNanos) {
            this.task = task;
            this.thread = thread;
            this.filter = filter;
            this.deadlineNanos = deadlineNanos;
        }

        /** The filter the thread was given. */
        SeccompFilter filter() {
            return filter;
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

                    long restrictFlags = spec.plan() == null ? 0 : spec.plan().restrictFlags();
                    if (!task.go(ruleset, restrictFlags, path.pointer(), actions, attributes, argv.pointer(),
                            envp.pointer(), pid)) {
                        // it waited past its deadline and ended: a thread of its own, filtered after Landlock
                        joinQuietly(thread);
                        task = spawnThread(filter, false, deadlineNanos);
                        task.go(ruleset, restrictFlags, path.pointer(), actions, attributes, argv.pointer(),
                                envp.pointer(), pid);
                        thread = SpawnThreads.start(task);
                    }
                    handedOver = true;
                    settled = true;
                    task.runToCompletion(thread, spec);
                    if (task.spawnError() != 0) {
                        joinQuietly(thread); // a failed launch ends as before: with its thread gone
                    }
                    if (task.confineError() != 0) {
                        throw LaunchFailure.confine(task.confineError());
                    }
                    if (task.seccompError() != 0) {
                        throw LaunchFailure.seccomp(task.seccompError());
                    }
                    if (task.spawnError() == SpawnThread.NOT_RUN) {
                        throw new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                                "the sandboxed spawn thread ended before it could start " + spec.executable());
                    }
                    if (task.spawnError() != 0) {
                        throw LaunchFailure.exec(spec.executable(), task.spawnError(), spec.directory());
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

    /**
     * How long a spawn thread waits for its spawn before it ends unused: a safety net, so that a filtered thread never
     * lives on with a caller that neither spawns nor abandons (stuck, say, on a path of a hung network filesystem).
     * Should that caller spawn after all, a fresh thread is started for it. Tests shorten it.
     */
    static volatile long goDeadlineNanos = 60_000_000_000L;

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
}
