package dev.paddock.core.audit;

import com.sun.jna.Memory;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.trace.TraceEntry;
import dev.paddock.core.trace.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Landlock records of the kernel's audit log, read live while a run goes on, where this process may read them:
 * with CAP_AUDIT_READ (root) on the audit netlink socket's read-only log group. They confirm, from the kernel itself,
 * the denials the seccomp trace predicted; the trace works without them. For the kernel to write any: audit must be
 * enabled (booted with audit=1, or auditd), and the sandbox's domain must log the denials of the programs it runs
 * (landlock_restrict_self's LOG_NEW_EXEC_ON: Paddock's launcher confines itself and then executes the program).
 *
 * <p>{@link #open()} never fails: when the log cannot be read, {@link #readable()} is false and {@link #status()}
 * says why in one sentence.
 */
public final class AuditLog implements AutoCloseable {
    /** Records kept at most; later ones are counted in {@link #dropped()}. */
    public static final int MAX_RECORDS = 10_000;
    private static final int CAP_AUDIT_READ_ERRNO = 1; // EPERM
    private static final int POLL_MILLIS = 100;

    private final int fd;
    private final String status;
    private final List<AuditRecord> records = new ArrayList<>();
    private volatile boolean stop;
    private volatile long lastArrival = System.nanoTime();
    private long dropped;
    private Thread reader;

    private AuditLog(int fd, String status) {
        this.fd = fd;
        this.status = status;
    }

    /** Starts reading the audit log if this process may, else a log that says why it reads nothing. */
    public static AuditLog open() {
        int fd = Netlink.open();
        if (fd < 0) {
            return new AuditLog(-1, "the kernel's audit log is not readable: no audit socket (" + LibC.describe(-fd)
                    + "; a kernel built without audit?)");
        }
        int joined = Netlink.joinLog(fd);
        if (joined != 0) {
            LibC.close(fd);
            return new AuditLog(-1, "the kernel's audit log is not readable: " + (joined == CAP_AUDIT_READ_ERRNO
                    ? "reading it needs CAP_AUDIT_READ (root)" : LibC.describe(joined)));
        }
        int enabled = Netlink.enabled();
        if (enabled == 0) {
            LibC.close(fd);
            return new AuditLog(-1, "the kernel's audit log is readable, but audit is off in this kernel (booted "
                    + "without audit=1, and no auditd enabled it): Landlock writes no records");
        }
        String status = "reading the kernel's audit log" + (enabled < 0 ? " (whether audit is on is not known: "
                + LibC.describe(-enabled) + ")" : "");
        AuditLog log = new AuditLog(fd, status);
        log.reader = new Thread(log::read, "paddock-audit");
        log.reader.setDaemon(true);
        log.reader.start();
        return log;
    }

    /** Whether records are read: the socket joined the log group, and audit is not known to be off. */
    public boolean readable() {
        return fd >= 0;
    }

    /** One sentence: reading, or why not. */
    public String status() {
        return status;
    }

    private void read() {
        try (Memory buffer = new Memory(16_384)) {
            while (!stop) {
                if (!Netlink.ready(fd, POLL_MILLIS)) {
                    continue;
                }
                Netlink.Message message = Netlink.receive(fd, buffer);
                if (message == null) {
                    continue;
                }
                int type = message.type();
                if (type != AuditRecord.LANDLOCK_ACCESS && type != AuditRecord.LANDLOCK_DOMAIN
                        && type != AuditRecord.SYSCALL) {
                    continue;
                }
                AuditRecord.parse(type, message.text()).ifPresent(this::keep);
            }
        } finally {
            LibC.close(fd);
        }
    }

    private synchronized void keep(AuditRecord record) {
        lastArrival = System.nanoTime();
        if (records.size() >= MAX_RECORDS) {
            dropped++;
        } else {
            records.add(record);
        }
    }

    /** The Landlock and SYSCALL records read so far. */
    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    /** Records not kept because {@link #MAX_RECORDS} were. */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * Waits until no record has arrived for {@code quiet} (the kernel writes them a little after the denial), or
     * {@code most} has passed.
     */
    public void settle(Duration quiet, Duration most) throws InterruptedException {
        if (!readable()) {
            return;
        }
        long end = System.nanoTime() + most.toNanos();
        long since = System.nanoTime();
        while (System.nanoTime() < end
                && System.nanoTime() - Math.max(lastArrival, since) < quiet.toNanos()) {
            Thread.sleep(10);
        }
    }

    /**
     * The denials of one run: those made by one of {@code pids} (by their event's SYSCALL record), and every
     * denial of a domain one of them was seen in. A domain created by one of {@code pids} (its LANDLOCK_DOMAIN
     * record's creator) counts too: give the launching process's pid only when it runs one sandbox at a time.
     */
    public List<LandlockDenial> denialsOf(Collection<Integer> pids) {
        return denialsOf(records(), pids);
    }

    static List<LandlockDenial> denialsOf(List<AuditRecord> all, Collection<Integer> pids) {
        Set<String> domains = new HashSet<>();
        for (AuditRecord r : all) {
            if (r.type() == AuditRecord.LANDLOCK_DOMAIN && "allocated".equals(r.fields().get("status"))
                    && r.field("pid").filter(p -> p.matches("\\d+")).map(Integer::valueOf).filter(pids::contains)
                    .isPresent()) {
                r.field("domain").ifPresent(domains::add);
            }
        }
        List<LandlockDenial> denials = LandlockDenial.of(all);
        denials.stream().filter(d -> pids.contains(d.pid())).forEach(d -> domains.add(d.domain()));
        return denials.stream().filter(d -> domains.contains(d.domain())).toList();
    }

    /**
     * The audit record that confirms a denial of the trace: same object (the path the rights are missing on, or the
     * port) and a blocker among the missing rights. Empty for an entry that is no denial, or that no record confirms.
     */
    public static Optional<LandlockDenial> confirming(TraceEntry entry, List<LandlockDenial> denials) {
        Verdict verdict = entry.verdict();
        if (!verdict.denied()) {
            return Optional.empty();
        }
        Set<String> missing = new HashSet<>();
        for (AccessRight right : verdict.missing()) {
            missing.add(right.id());
        }
        int port = entry.access().port();
        String on = verdict.missingOn();
        return denials.stream()
                .filter(d -> d.path() != null ? d.path().equals(on) || d.path().equals(entry.access().path())
                        : port >= 0 && d.port() == port)
                .filter(d -> d.blockers().stream().anyMatch(b -> missing.contains(b.substring(b.indexOf('.') + 1))))
                .findFirst();
    }

    /** The words a denial gets from its audit record: "audit: confirmed by the kernel (blockers fs.read_file)". */
    public static String confirmation(LandlockDenial denial) {
        return "audit: confirmed by the kernel's log (blockers " + String.join(",", denial.blockers()) + ", domain "
                + denial.domain() + ")";
    }

    /** Stops reading; the socket is closed within a tenth of a second. */
    @Override
    public void close() {
        stop = true;
        Thread serving = reader;
        if (serving != null) {
            try {
                serving.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
