package dev.paddock.core.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One access Landlock denied, as the kernel's audit log tells it: a LANDLOCK_ACCESS record, with the pid of the
 * SYSCALL record of the same event when the kernel wrote one.
 *
 * @param serial   the event's time and serial
 * @param domain   the id of the Landlock domain that denied it (hex, as logged)
 * @param blockers the rights or scopes that were missing: "fs.read_file", "net.connect_tcp", "scope.signal"...
 * @param path     the file or directory the kernel checked, or null (a network or scope denial)
 * @param port     the TCP port of a network denial ({@code dest=} or {@code src=}), or -1
 * @param pid      the process that made the call, or -1 when the event has no SYSCALL record
 * @param record   the record itself, every field included
 */
public record LandlockDenial(String serial, String domain, List<String> blockers, String path, int port, int pid,
                             AuditRecord record) {

    public LandlockDenial {
        blockers = List.copyOf(blockers);
    }

    /** "fs.read_file on /etc/hostname", "net.connect_tcp on port 443". */
    public String describe() {
        String what = String.join(",", blockers);
        if (path != null) {
            return what + " on " + path;
        }
        return port >= 0 ? what + " on port " + port : what;
    }

    /**
     * The denials among {@code records}, each with the pid of its event's SYSCALL record when there is one. Records
     * of other types are only read for that pid.
     */
    public static List<LandlockDenial> of(List<AuditRecord> records) {
        Map<String, Integer> pids = new LinkedHashMap<>();
        for (AuditRecord r : records) {
            if (r.type() == AuditRecord.SYSCALL) {
                r.field("pid").filter(p -> p.matches("\\d+")).ifPresent(p -> pids.put(r.serial(),
                        Integer.parseInt(p)));
            }
        }
        List<LandlockDenial> denials = new ArrayList<>();
        for (AuditRecord r : records) {
            if (r.type() != AuditRecord.LANDLOCK_ACCESS || r.field("domain").isEmpty()) {
                continue;
            }
            List<String> blockers = r.field("blockers").map(b -> Arrays.asList(b.split(","))).orElse(List.of());
            String port = r.field("dest").or(() -> r.field("src")).filter(p -> p.matches("\\d{1,5}")).orElse(null);
            denials.add(new LandlockDenial(r.serial(), r.field("domain").orElseThrow(), blockers,
                    r.field("path").orElse(null), port == null ? -1 : Integer.parseInt(port),
                    pids.getOrDefault(r.serial(), -1), r));
        }
        return denials;
    }
}
