package dev.paddock.core.trace;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.profile.ControlCharacters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Words for denials: what was tried, the missing right, the rule that would allow it and the flag that adds it; and
 * the one-line summary of a run. Used by {@code paddock run --explain}; the app can show the same sentences. The
 * sandboxed program chooses the paths it opens: every control character in them (a terminal escape, a newline that
 * would forge a line) is written as \\uXXXX ({@link ControlCharacters#visible}).
 */
public final class Explainer {
    /** A directory rather than each file, once this many files of one directory need the same mode. */
    public static final int SIBLINGS = 3;

    private Explainer() {
    }

    /** The lines for one distinct denial. */
    public static List<String> denial(TraceEntry entry) {
        Verdict v = entry.verdict();
        List<String> lines = new ArrayList<>();
        String who = entry.executable() == null ? "a process" : Path.of(entry.executable()).getFileName().toString();
        lines.add("denied: " + who + " tried to " + entry.access().describe()
                + (entry.count() > 1 ? " (" + entry.count() + " times)" : ""));
        lines.add("  missing: " + said(v));
        if (v.fix() != null) {
            lines.add("  fix: allow " + v.fix().describe() + ": add " + v.fix().flag());
        } else {
            lines.add("  fix: no rule on this kernel allows it");
        }
        return lines.stream().map(ControlCharacters::visible).toList();
    }

    /**
     * One sentence for a verdict: for a denial, the missing rights, where, and why, as "read_dir on /etc: no rule
     * grants listing /etc or a folder above it"; for any other verdict, its reason. The CLI and the app say the same.
     *
     * @param v the verdict
     * @return one sentence, without a full stop
     */
    public static String sentence(Verdict v) {
        return ControlCharacters.visible(said(v));
    }

    private static String said(Verdict v) {
        if (!v.denied()) {
            return v.reason();
        }
        String what = AccessModel.names(v.missing()) + " on " + v.missingOn();
        boolean paths = v.missing().stream().allMatch(r -> r instanceof FsAccess);
        if (paths && v.reason().startsWith("no rule grants ") && v.errno() == Verdict.EACCES) {
            StringBuilder doing = new StringBuilder();
            for (AccessRight right : v.missing()) {
                doing.append(doing.isEmpty() ? "" : " or ").append(gerund((FsAccess) right));
            }
            return what + ": no rule grants " + doing + " " + v.missingOn() + " or a folder above it";
        }
        return what + ": " + v.reason();
    }

    /**
     * What a right lets a process do to a path, as the start of a phrase the path ends.
     *
     * @param right a filesystem right
     * @return "listing", "creating files in"
     */
    public static String gerund(FsAccess right) {
        return switch (right) {
            case EXECUTE -> "executing";
            case WRITE_FILE -> "writing to";
            case READ_FILE -> "reading";
            case READ_DIR -> "listing";
            case REMOVE_DIR -> "removing folders from";
            case REMOVE_FILE -> "removing files from";
            case MAKE_CHAR -> "creating character devices in";
            case MAKE_DIR -> "creating folders in";
            case MAKE_REG -> "creating files in";
            case MAKE_SOCK -> "creating UNIX sockets in";
            case MAKE_FIFO -> "creating named pipes in";
            case MAKE_BLOCK -> "creating block devices in";
            case MAKE_SYM -> "creating symbolic links in";
            case REFER -> "moving or linking files to or from";
            case TRUNCATE -> "truncating";
            case IOCTL_DEV -> "ioctl on";
            case RESOLVE_UNIX -> "connecting to the UNIX socket";
        };
    }

    /** "3 accesses denied (2 distinct) among 1,234 traced; nothing was dropped." */
    public static String summary(Trace trace) {
        List<TraceEntry> denials = trace.denials();
        long total = denials.stream().mapToLong(TraceEntry::count).sum();
        String text = denials.isEmpty() ? "no access was denied among " + trace.events() + " traced"
                : total + " access" + (total == 1 ? "" : "es") + " denied (" + denials.size() + " distinct) among "
                + trace.events() + " traced";
        List<String> flags = fixes(denials);
        if (!flags.isEmpty()) {
            text += "; to allow " + (denials.size() == 1 ? "it" : "them") + ": " + String.join(" ", flags);
        }
        if (trace.dropped() > 0) {
            text += " (" + trace.dropped() + " further distinct accesses were counted but not kept)";
        }
        return ControlCharacters.visible(text);
    }

    /**
     * The flags that would allow every denial: each fix once, the broader mode where one path needs several, the
     * directory instead of its files where {@link #SIBLINGS} or more files there need the same mode, and none for a
     * path whose rights a directory's fix above it already grants (--ro /proc makes --ro /proc/filesystems needless).
     */
    public static List<String> fixes(List<TraceEntry> denials) {
        Map<String, Fix> byPath = new LinkedHashMap<>();
        List<String> ports = new ArrayList<>();
        for (TraceEntry entry : denials) {
            Fix fix = entry.verdict().fix();
            if (fix == null) {
                continue;
            }
            if (fix.path() == null) {
                if (!ports.contains(fix.flag())) {
                    ports.add(fix.flag());
                }
                continue;
            }
            byPath.merge(fix.path(), fix, Explainer::wider);
        }
        Map<String, List<Fix>> filesByDirectory = new LinkedHashMap<>();
        for (Fix fix : byPath.values()) {
            if (!fix.directory()) {
                filesByDirectory.computeIfAbsent(AccessModel.parent(fix.path()) + "\0" + fix.mode(),
                        k -> new ArrayList<>()).add(fix);
            }
        }
        for (List<Fix> siblings : filesByDirectory.values()) {
            if (siblings.size() >= SIBLINGS) {
                String directory = AccessModel.parent(siblings.get(0).path());
                siblings.forEach(f -> byPath.remove(f.path()));
                byPath.merge(directory, new Fix(directory, true, siblings.get(0).mode(), null, -1), Explainer::wider);
            }
        }
        List<Fix> directories = byPath.values().stream().filter(Fix::directory).toList();
        byPath.values().removeIf(f -> directories.stream().anyMatch(d -> covers(d, f)));
        List<String> flags = new ArrayList<>();
        byPath.values().forEach(f -> flags.add(f.flag()));
        flags.addAll(ports);
        return flags;
    }

    /** Whether the directory rule {@code d} already grants what {@code f}, a rule beneath it, would. */
    private static boolean covers(Fix d, Fix f) {
        return f.path().startsWith(d.path().equals("/") ? "/" : d.path() + "/")
                && d.access().rightsFor(true).containsAll(f.access().rightsFor(f.directory()));
    }

    private static Fix wider(Fix a, Fix b) {
        if (a.listingOnly() && b.listingOnly()) {
            return a;
        }
        AccessMode mode = a.mode().ordinal() >= b.mode().ordinal() ? a.mode() : b.mode();
        if (mode == AccessMode.RW && (a.mode() == AccessMode.ROX || b.mode() == AccessMode.ROX)) {
            mode = AccessMode.RWX;
        }
        return new Fix(a.path(), a.directory() || b.directory(), mode, null, -1, mode,
                a.caveat() != null ? a.caveat() : b.caveat());
    }
}
