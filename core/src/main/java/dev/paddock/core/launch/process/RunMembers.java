package dev.paddock.core.launch.process;

import com.sun.jna.Memory;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds and signals every process of one run, however it detached. A run with a session of its own is exactly its
 * session: the seccomp layer fails setsid() for every process of the run, so none can leave it. A run that shares
 * the caller's terminal (and so its session) is its process group plus every descendant of its first process.
 *
 * <p>Signals go through pidfds, and each process is checked again after its pidfd is open, so a pid that ended and
 * was reused by an unrelated process between the listing and the signal is never hit.
 */
public final class RunMembers {
    private static final long SYS_PIDFD_OPEN = 434;
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final Path PROC = Path.of("/proc");
    private static final int MAX_KILL_ROUNDS = 200;
    private static final int KILL_SECONDS = 5;
    private static final int QUIET_SCANS = 3;

    private final int leader;
    private final boolean ownSession;

    public RunMembers(int leader, boolean ownSession) {
        this.leader = leader;
        this.ownSession = ownSession;
    }

    /** One line of /proc/PID/stat, the fields that matter here. */
    public record Stat(int pid, char state, int parent, int group, int session, int threads, long startTime) {
        static Stat parse(int pid, String line) {
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ", 21);
            return new Stat(pid, fields[0].charAt(0), Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
                    Integer.parseInt(fields[3]), Integer.parseInt(fields[17]), Long.parseLong(fields[19]));
        }

        /**
         * Whether anything of the process still runs. A thread-group leader that has exited while its other threads
         * run shows state Z, with more than one thread: it is alive, and SIGKILL to it ends them all.
         */
        boolean alive() {
            return state != 'X' && (state != 'Z' || threads > 1);
        }
    }

    /**
     * After the first process has been reaped: waits for, and reaps, every process of its process group that the JVM
     * adopted, until the group is empty. Uses no file descriptor (waitid on the group, kill(-group, 0) to see that
     * it is empty), so it costs nothing a test of open descriptors could see. Members that moved to another group
     * are reaped by {@link #alive()} and by {@link #killAll}.
     */
    public void reapGroup() {
        if (!Orphans.adopting()) {
            return;
        }
        try (Memory info = new Memory(SIGINFO_SIZE)) {
            while (true) {
                if (LibC.waitid(P_PGID, leader, info, WEXITED) == 0) {
                    continue;
                }
                int errno = LibC.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (LibC.kill(-leader, 0) != 0 && LibC.errno() == Errno.ESRCH) {
                    return; // nothing of the group is left anywhere
                }
                LockSupport.parkNanos(GROUP_POLL_NANOS); // members not adopted yet: their parent still runs
            }
        }
    }

    /** The processes of the run that are alive (not zombies) now; the run's zombies this JVM adopted are reaped. */
    public List<Integer> alive() {
        List<Integer> pids = new ArrayList<>();
        int self = (int) ProcessHandle.current().pid();
        int[] status = new int[1];
        for (Stat stat : members()) {
            if (stat.alive()) {
                pids.add(stat.pid());
            } else if (stat.pid() != leader && stat.parent() == self) {
                LibC.waitpid(stat.pid(), status, WNOHANG);
            }
        }
        return pids;
    }

    /** Sends the signal to every live process of the run; returns how many it reached. */
    public int signal(int signal) {
        int reached = 0;
        for (Stat stat : members()) {
            if (stat.alive() && signalIfStillMember(stat, signal)) {
                reached++;
            }
        }
        return reached;
    }

    /**
     * SIGKILL, again and again, until no process of the run is alive or {@link #KILL_SECONDS} have passed: a process
     * that forks and exits in a loop is a new pid every round, so the loop ends on what is alive, not on what was
     * signalled. With a session of its own, each process group of the run is also killed at once (kill(-group)),
     * which a forking process cannot outrun. Then reaps the zombies this JVM adopted.
     */
    public void killAll(int sigkill) {
        long killDeadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(KILL_SECONDS);
        int ownGroup = LibC.getpgrp();
        int quietScans = 0;
        for (int round = 0; System.nanoTime() < killDeadline && quietScans < QUIET_SCANS; round++) {
            if (ownSession && leader != ownGroup) {
                LibC.kill(-leader, sigkill); // the group the run started in, at once, whatever its pids are now
            }
            Snapshot snapshot = snapshot();
            List<Stat> members = members(snapshot.stats());
            List<Stat> live = members.stream().filter(Stat::alive).toList();
            // A pid listed in /proc that was gone before its stat could be read, or a fresh zombie of the run, may be
            // a process that forked and exited meanwhile: only scans with nothing alive, nothing vanished and no
            // zombie count as quiet. The zombies this JVM adopted are reaped on the way.
            long zombies = members.stream().filter(m -> !m.alive() && m.pid() != leader).peek(this::reapIfOurs)
                    .count();
            quietScans = live.isEmpty() && snapshot.vanished() == 0 && zombies == 0 ? quietScans + 1 : 0;
            if (ownSession) {
                live.stream().map(Stat::group).distinct().filter(g -> g > 1 && g != ownGroup)
                        .forEach(group -> LibC.kill(-group, sigkill));
            }
            for (Stat stat : live) {
                signalIfStillMember(stat, sigkill);
            }
            if (round > MAX_KILL_ROUNDS) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (!reapZombies() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private void reapIfOurs(Stat zombie) {
        if (zombie.parent() == SELF) {
            LibC.waitpid(zombie.pid(), new int[1], WNOHANG);
        }
    }

    private static final int SELF = (int) ProcessHandle.current().pid();

    /**
     * Reaps the run's zombies that are this JVM's children, except the first process (its own reaper waits for
     * it). Returns whether nothing of the run is left but that first process.
     */
    public boolean reapZombies() {
        int self = (int) ProcessHandle.current().pid();
        boolean empty = true;
        int[] status = new int[1];
        for (Stat stat : members()) {
            if (stat.pid() == leader) {
                continue;
            }
            if (!stat.alive() && stat.parent() == self && LibC.waitpid(stat.pid(), status, WNOHANG) == stat.pid()) {
                continue;
            }
            empty = false;
        }
        return empty;
    }

    private static final int WNOHANG = 1;
    private static final int WEXITED = 4;
    private static final int P_PGID = 2;
    private static final int SIGINFO_SIZE = 128;
    private static final long GROUP_POLL_NANOS = 200_000_000L;

    private List<Stat> members() {
        return members(readAll());
    }

    private List<Stat> members(Map<Integer, Stat> all) {
        List<Stat> members = new ArrayList<>();
        if (ownSession) {
            for (Stat stat : all.values()) {
                if (stat.session() == leader) {
                    members.add(stat);
                }
            }
            return members;
        }
        // Sharing the caller's terminal, the child stays in the caller's process group: the run is the child and its
        // descendants, never the group (that would be the JVM's).
        Map<Integer, List<Stat>> children = new HashMap<>();
        for (Stat stat : all.values()) {
            children.computeIfAbsent(stat.parent(), p -> new ArrayList<>()).add(stat);
        }
        if (all.containsKey(leader)) {
            members.add(all.get(leader));
        }
        List<Integer> queue = new ArrayList<>(List.of(leader));
        for (int i = 0; i < queue.size(); i++) {
            for (Stat child : children.getOrDefault(queue.get(i), List.of())) {
                if (!members.contains(child)) {
                    members.add(child);
                }
                queue.add(child.pid());
            }
        }
        return members;
    }

    private boolean signalIfStillMember(Stat stat, int signal) {
        int pidfd = (int) LibC.syscall(SYS_PIDFD_OPEN, stat.pid(), 0, 0, 0);
        if (pidfd < 0) {
            return LibC.errno() == Errno.ENOSYS && LibC.kill(stat.pid(), signal) == 0;
        }
        try {
            Stat now = read(stat.pid());
            if (now == null || !now.alive() || now.startTime() != stat.startTime()) {
                return false;
            }
            return LibC.syscall(SYS_PIDFD_SEND_SIGNAL, pidfd, signal, 0, 0) == 0;
        } finally {
            LibC.close(pidfd);
        }
    }

    /** Every process in /proc, and how many listed there were gone before they could be read. */
    public record Snapshot(Map<Integer, Stat> stats, int vanished) {
    }

    public static Map<Integer, Stat> readAll() {
        return snapshot().stats();
    }

    public static Snapshot snapshot() {
        Map<Integer, Stat> all = new HashMap<>();
        int vanished = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                int pid = Integer.parseInt(entry.getFileName().toString());
                Stat stat = read(pid);
                if (stat != null) {
                    all.put(pid, stat);
                } else {
                    vanished++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in /proc: " + e.getMessage(), e);
        }
        return new Snapshot(all, vanished);
    }

    private static Stat read(int pid) {
        try {
            return Stat.parse(pid, Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null; // it ended while we looked
        }
    }
}
