package dev.paddock.app.model;

import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.policy.Policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The enforcement report as the window tells it: honest, and in proportion. Every kernel before Linux 7.1 lacks one
 * restriction, connecting to pathname UNIX sockets; a headline of "Partially enforced" in amber on every profile
 * taught users to ignore it. So a profile whose only gap is that one is "Enforced, with one gap", the gap has a line
 * of its own with what it means for this profile, and what is enforced is said first. Other gaps keep the amber
 * "Partially enforced".
 *
 * @param level      how the headline is shown
 * @param headline   "Fully enforced", "Enforced, with one gap", "Partially enforced" or "NOT enforced"
 * @param enforced   what the kernel enforces for this profile, one line per area (and the areas left open on
 *                   purpose)
 * @param gaps       what the profile asks for and this kernel cannot enforce, each with its consequence
 * @param warnings   rules that grant far more than they seem to
 * @param notes      other things worth knowing
 * @param seccomp    Paddock's seccomp rules in force beside Landlock
 * @param blindSpots what Landlock cannot restrict for this profile on any kernel
 */
public record Prediction(Level level, String headline, List<String> enforced, List<String> gaps,
                         List<String> warnings, List<String> notes, List<String> seccomp, List<String> blindSpots) {

    /** How much the headline should draw the eye. */
    public enum Level { FULL, NEWER_KERNEL_GAPS, PARTIAL, NONE }

    /** The start of the core's blind spot about pathname UNIX sockets, which becomes the gap's consequence. */
    static final String UNIX_BLIND_SPOT = "pathname UNIX sockets are reachable";

    /** Sockets that a sandbox reaches through that gap, when they exist here: what the gap means on this machine. */
    private static final Map<String, String> KNOWN_SOCKETS = Map.of(
            "the D-Bus session bus", "${XDG_RUNTIME_DIR}/bus",
            "the D-Bus system bus", "/run/dbus/system_bus_socket",
            "the Docker socket", "/run/docker.sock",
            "ssh-agent", "${SSH_AUTH_SOCK}",
            "the Wayland display", "${XDG_RUNTIME_DIR}/wayland-0");

    public Prediction {
        enforced = List.copyOf(enforced);
        gaps = List.copyOf(gaps);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
        seccomp = List.copyOf(seccomp);
        blindSpots = List.copyOf(blindSpots);
    }

    /** The prediction for a compiled profile, with the sockets of this machine that its gap leaves reachable. */
    public static Prediction of(CompiledPolicy compiled, Map<String, String> environment) {
        EnforcementReport report = compiled.report();
        List<String> blindSpots = new ArrayList<>(report.blindSpots());
        String unixConsequence = blindSpots.stream().filter(spot -> spot.startsWith(UNIX_BLIND_SPOT)).findFirst()
                .orElse(null);
        blindSpots.remove(unixConsequence);
        List<String> gaps = new ArrayList<>();
        for (String gap : report.unenforced()) {
            if (isUnixGap(gap) && unixConsequence != null) {
                gaps.add(capitalise(gap) + ". For this profile: " + consequence(unixConsequence)
                        + reachableHere(environment));
            } else {
                gaps.add(capitalise(gap) + ".");
            }
        }
        return new Prediction(level(report), headline(report), enforced(compiled.policy(), compiled.plan()), gaps,
                report.warnings(), report.notes(), report.seccomp(), blindSpots);
    }

    /** How the headline is shown for a report. */
    public static Level level(EnforcementReport report) {
        return switch (report.status()) {
            case FULLY_ENFORCED -> Level.FULL;
            case NOT_ENFORCED -> Level.NONE;
            case PARTIALLY_ENFORCED -> report.unenforced().stream().allMatch(Prediction::isNewerKernelGap)
                    ? Level.NEWER_KERNEL_GAPS : Level.PARTIAL;
        };
    }

    /** The headline for a report, also for a run's tab. */
    public static String headline(EnforcementReport report) {
        return switch (level(report)) {
            case FULL -> "Fully enforced";
            case NEWER_KERNEL_GAPS -> report.unenforced().size() == 1 ? "Enforced, with one gap"
                    : "Enforced, with " + report.unenforced().size() + " gaps";
            case PARTIAL -> "Partially enforced";
            case NONE -> "NOT enforced";
        };
    }

    /** The headline inside a sentence: "enforced, with one gap", "NOT enforced". */
    public static String words(EnforcementReport report) {
        return level(report) == Level.NONE ? "NOT enforced" : headline(report).toLowerCase(Locale.ROOT);
    }

    /** As {@link EnforcementReport#summary()}, with the headline in proportion: for the console's first line. */
    public static String summary(EnforcementReport report) {
        String base = words(report) + (report.abi() > 0 ? " on Landlock ABI " + report.abi() : "");
        return report.unenforced().isEmpty() ? base : base + ": " + String.join("; ", report.unenforced());
    }

    /** The report's sentence for the socket gap starts with the right's own words, "connecting to pathname ...". */
    private static boolean isUnixGap(String sentence) {
        return sentence.startsWith(FsAccess.RESOLVE_UNIX.activity());
    }

    /**
     * The gaps every kernel has until the newest Landlock (pathname UNIX sockets, UDP): in proportion, each on its
     * own line, not "partially enforced" on every profile of every current kernel.
     */
    private static boolean isNewerKernelGap(String sentence) {
        return isUnixGap(sentence) || sentence.startsWith("UDP ")
                || sentence.startsWith(NetAccess.BIND_UDP.activity())
                || sentence.startsWith(NetAccess.CONNECT_SEND_UDP.activity());
    }

    /** "the program can connect to ..." out of the core's blind spot, which starts with when it applies. */
    private static String consequence(String blindSpot) {
        int colon = blindSpot.indexOf(": ");
        String what = colon < 0 ? blindSpot : blindSpot.substring(colon + 2);
        return what.endsWith(".") ? what : what + ".";
    }

    private static String reachableHere(Map<String, String> environment) {
        List<String> found = new ArrayList<>();
        KNOWN_SOCKETS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(known -> {
            String path = expand(known.getValue(), environment);
            if (path != null && Files.exists(Path.of(path))) {
                found.add(known.getKey() + " (" + path + ")");
            }
        });
        return found.isEmpty() ? "" : " On this machine that includes " + String.join(", ", found) + ".";
    }

    private static String expand(String path, Map<String, String> environment) {
        if (!path.startsWith("${")) {
            return path;
        }
        int end = path.indexOf('}');
        String value = environment.get(path.substring(2, end));
        return value == null || value.isEmpty() ? null : value + path.substring(end + 1);
    }

    /** One line per area: what is restricted and how, or that the profile leaves it open. */
    private static List<String> enforced(Policy policy, RulesetPlan plan) {
        List<String> lines = new ArrayList<>();
        if (plan.handledFs() != 0) {
            long added = plan.pathRules().stream().filter(rule -> rule.origin() != PlannedPathRule.Origin.POLICY)
                    .count();
            int rules = plan.pathRules().size();
            String byAdded = added > 0 ? " (" + added + " added by add-exec and ldd)" : "";
            lines.add(rules == 0 ? "Files: all denied; no path rule allows anything."
                    : "Files: only what " + (rules == 1 ? "its path rule allows" : "its " + rules
                    + " path rules allow") + byAdded + "; the rest of the disk is denied.");
        } else if (policy.unrestrictedFilesystem()) {
            lines.add("Files: not restricted, as the profile asks (Unrestricted filesystem).");
        }
        if (plan.handledNet() != 0) {
            lines.add("TCP: binding to " + ports(policy.bindTcp()) + ", connecting to " + ports(policy.connectTcp())
                    + "; every other port is denied.");
        } else if (policy.unrestrictedNetwork()) {
            lines.add("TCP: not restricted, as the profile asks (Unrestricted network).");
        }
        List<String> scoped = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Scope scope : List.of(Scope.SIGNAL, Scope.ABSTRACT_UNIX_SOCKET)) {
            String name = scope == Scope.SIGNAL ? "signals" : "abstract UNIX sockets";
            if ((plan.scoped() & scope.bit()) != 0) {
                scoped.add(name);
            } else if (!policy.scopes().contains(scope)) {
                open.add(name);
            }
        }
        if (!scoped.isEmpty()) {
            lines.add(capitalise(String.join(" and ", scoped)) + ": cut off from processes outside the sandbox.");
        }
        if (!open.isEmpty()) {
            lines.add(capitalise(String.join(" and ", open)) + ": not restricted, as the profile asks (Scopes).");
        }
        if (plan.restrictFlags() != 0) {
            lines.add("Audit log: " + Arrays.stream(AuditFlag.values())
                    .filter(flag -> (plan.restrictFlags() & flag.bit()) != 0).map(AuditFlag::id)
                    .collect(Collectors.joining(", ")) + ".");
        }
        return lines;
    }

    private static String ports(Collection<Integer> ports) {
        if (ports.isEmpty()) {
            return "no port";
        }
        String list = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return (ports.size() == 1 ? "port " : "ports ") + list + " only";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
