package dev.paddock.core.launch;

import com.sun.jna.Memory;
import dev.paddock.core.sys.LibC;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes this JVM the reaper of its sandboxes' orphans, so that a run that is stopped leaves no zombie behind even
 * where process 1 does not reap (containers often run one that does not). A process whose parent ends is then
 * re-parented to the JVM instead of to process 1; Paddock reaps those of its runs (they keep the run's session)
 * when a run is stopped, when a run's first process exits, and before every launch.
 *
 * <p>The JVM becomes a child subreaper (PR_SET_CHILD_SUBREAPER) at the first launch, unless the system property
 * {@code paddock.adoptOrphans} is {@code false}. Orphans of children that Paddock did not start are then adopted
 * by the JVM too, and Paddock never reaps those: it cannot tell them from the JDK's own children.
 *
 * <p>Reaping looks through /proc only when the kernel says the JVM has a child that has exited (waitid with
 * WNOWAIT, which reaps nothing), so a launch costs one system call here, not a walk through /proc.
 */
final class Orphans {
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int P_ALL = 0;
    private static final int WNOHANG = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    private static final int SIGINFO_SIZE = 128;
    private static final int SI_PID = 16;

    /** The sessions of runs with a session of their own, by session id (the first process's pid). */
    private static final Map<Integer, RunMembers> SESSIONS = new ConcurrentHashMap<>();
    private static volatile boolean adopting;

    private Orphans() {
    }

    /** Called before each launch: adopts orphans from now on (once), and reaps what earlier runs left. */
    static void beforeLaunch() {
        if (!adopting && !"false".equals(System.getProperty("paddock.adoptOrphans"))) {
            synchronized (Orphans.class) {
                if (!adopting) {
                    adopting = LibC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
                }
            }
        }
        sweep();
    }

    /** Remembers a run whose orphans may need reaping later. */
    static void track(int session, RunMembers run) {
        SESSIONS.put(session, run);
    }

    /**
     * Reaps the zombies of Paddock's runs, if the JVM has an exited child at all, in one pass through /proc; forgets
     * the runs whose processes are all gone.
     */
    static void sweep() {
        if (SESSIONS.isEmpty() || !hasExitedChild()) {
            return;
        }
        int self = (int) ProcessHandle.current().pid();
        Set<Integer> occupied = new HashSet<>();
        int[] status = new int[1];
        for (RunMembers.Stat stat : RunMembers.readAll().values()) {
            if (!SESSIONS.containsKey(stat.session())) {
                continue;
            }
            boolean reaped = !stat.alive() && stat.parent() == self && stat.pid() != stat.session()
                    && LibC.waitpid(stat.pid(), status, WNOHANG) == stat.pid();
            if (!reaped) {
                occupied.add(stat.session());
            }
        }
        SESSIONS.entrySet().removeIf(e -> e.getValue().leaderExited() && !occupied.contains(e.getKey()));
    }

    private static boolean hasExitedChild() {
        try (Memory info = new Memory(SIGINFO_SIZE)) {
            info.clear();
            return LibC.waitid(P_ALL, 0, info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.getInt(SI_PID) != 0;
        }
    }
}
