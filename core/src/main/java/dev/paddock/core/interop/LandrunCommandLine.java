package dev.paddock.core.interop;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PortUse;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.seccomp.SeccompRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * landrun's command line (0.1.15 to 0.1.18), plus Paddock's few extensions, parsed into a {@link RunRequest}. Parsing
 * stops at "--" or at the first word that is not an option; path and port flags repeat and take comma lists; flags
 * take their value as the next word or after '='. Every error is one sentence naming the flag.
 */
public final class LandrunCommandLine {

    /** One flag: its name, its value's label (null for a switch), what it does, and how it changes the request. */
    public record Flag(String name, String valueLabel, String description, BiConsumer<Builder, String> apply) {
    }

    private static final Map<String, Flag> FLAGS = new LinkedHashMap<>();

    /**
     * The Landlock ABI landrun 0.1.18 restricts (through go-landlock 0.9): every right up to the one --unix
     * allows. A landrun line means a sandbox written for this ABI.
     */
    public static final int LANDRUN_ABI = FsAccess.RESOLVE_UNIX.abi();

    static {
        pathFlag("ro", "Allow reading files and listing directories beneath PATH.", AccessMode.RO);
        pathFlag("rox", "Allow reading and executing beneath PATH.", AccessMode.ROX);
        pathFlag("rw", "Allow reading, writing, creating, removing and moving beneath PATH.", AccessMode.RW);
        pathFlag("rwx", "Everything --rw allows, and executing.", AccessMode.RWX);
        flag("list", "PATH", "Allow listing the directory PATH and the directories beneath it, not reading their "
                        + "files (Paddock only).",
                (b, v) -> split(v).forEach(p -> b.policy.path(p, RightSet.of(FsAccess.READ_DIR))));
        flag("unix", "PATH", "Allow connecting to the pathname UNIX socket PATH (ABI " + FsAccess.RESOLVE_UNIX.abi() + ").",
                (b, v) -> split(v).forEach(p -> b.policy.path(p, RightSet.of(FsAccess.RESOLVE_UNIX))));
        flag("bind-tcp", "PORT", "Allow binding TCP PORT (0 allows ephemeral ports).",
                (b, v) -> split(v).forEach(p -> b.policy.bindTcp(port("--bind-tcp", p, PortUse.BIND))));
        flag("connect-tcp", "PORT", "Allow connecting to TCP PORT.",
                (b, v) -> split(v).forEach(p -> b.policy.connectTcp(port("--connect-tcp", p, PortUse.CONNECT))));
        flag("bind-udp", "PORT", "Allow binding UDP PORT (0 allows ephemeral ports; " + Feature.UDP.requirement()
                        + "; Paddock only).",
                (b, v) -> split(v).forEach(p -> b.policy.bindUdp(port("--bind-udp", p, PortUse.BIND))));
        flag("connect-udp", "PORT", "Allow connecting or sending datagrams to UDP PORT, such as 53 for DNS ("
                        + Feature.UDP.requirement() + "; Paddock only).",
                (b, v) -> split(v).forEach(p -> b.policy.connectUdp(port("--connect-udp", p, PortUse.CONNECT))));
        flag("abi", "N", "Write the sandbox for Landlock ABI N: it restricts what ABI N knows, and rights that came "
                        + "later stay allowed (default " + Abi.LATEST + ", the newest Paddock knows; landrun 0.1.18 "
                        + "restricts what ABI " + LANDRUN_ABI + " knows) (Paddock only).",
                (b, v) -> {
                    b.policy.abi(abi(v));
                    b.abiGiven = true;
                });
        flag("env", "KEY[=VALUE]", "Pass KEY from this environment, or set it; the environment is otherwise empty.",
                (b, v) -> b.policy.env(EnvVar.parse(v)));
        flag("best-effort", null, "Apply what this kernel supports (Paddock's default).",
                (b, v) -> b.bestEffort = true);
        flag("strict", null, "Refuse to run unless every restriction is enforced (Paddock only).",
                (b, v) -> b.strict = true);
        flag("unrestricted-filesystem", null, "Do not restrict the filesystem.",
                (b, v) -> b.policy.unrestrictedFilesystem(true));
        flag("unrestricted-network", null, "Do not restrict the network (TCP, and UDP from "
                + Feature.UDP.requirement() + ").", (b, v) -> b.policy.unrestrictedNetwork(true));
        flag("unrestricted-scoped", null, "Do not restrict signals and abstract UNIX sockets.",
                (b, v) -> b.policy.unrestrictedScopes(true));
        flag("ignore-missing", null, "Skip paths that do not exist instead of failing.",
                (b, v) -> b.policy.ignoreMissing(true));
        flag("add-exec", null, "Allow executing the command's own binary.", (b, v) -> b.policy.addExec(true));
        flag("ldd", null, "Allow the command's ELF interpreter (execute) and its libraries (read).",
                (b, v) -> b.policy.ldd(true));
        flag("log-level", "LEVEL", "error, info or debug (default: $LANDRUN_LOG_LEVEL, else error).",
                (b, v) -> b.logLevel = LogLevel.parse(v));
        flag("log-disable-originating", null, "Audit: do not log denials of this launcher (ABI " + Feature.AUDIT_FLAGS.abi() + ").",
                (b, v) -> b.policy.auditFlag(AuditFlag.LOG_SAME_EXEC_OFF));
        flag("log-enable-subprocesses", null, "Audit: log denials of the command (ABI " + Feature.AUDIT_FLAGS.abi() + ").",
                (b, v) -> b.policy.auditFlag(AuditFlag.LOG_NEW_EXEC_ON));
        flag("log-disable-subdomains", null, "Audit: do not log denials of nested sandboxes (ABI " + Feature.AUDIT_FLAGS.abi() + ").",
                (b, v) -> b.policy.auditFlag(AuditFlag.LOG_SUBDOMAINS_OFF));
        flag("harden", "RULE", "Opt in to a seccomp rule for what Landlock cannot restrict: "
                        + String.join(", ", SeccompRule.hardeningIds()) + " (Paddock only).",
                (b, v) -> split(v).forEach(id -> b.policy.harden(hardening(id))));
        flag("profile", "FILE", "Run the saved profile FILE; words after -- are added to its command (Paddock only).",
                (b, v) -> b.profile = v);
        flag("dry-run", null, "Print the report and the ruleset, build it in the kernel to check it, and exit "
                + "without running (Paddock only).",
                (b, v) -> b.dryRun = true);
        flag("explain", null, "Trace the run and explain each denial on stderr after it (--explain=live: as it "
                        + "happens): what was tried, the missing right and the flag that allows it (Paddock only).",
                (b, v) -> b.explain = Explain.parse(v));
        flag("allow-unsandboxed", null, "Run even where Landlock restricts nothing (Paddock only).",
                (b, v) -> b.allowUnsandboxed = true);
        flag("help", null, "Show this help.", (b, v) -> b.help = true);
    }

    private LandrunCommandLine() {
    }

    private static void pathFlag(String name, String description, AccessMode mode) {
        flag(name, "PATH", description, (b, v) -> split(v).forEach(p -> b.policy.path(p, mode)));
    }

    private static void flag(String name, String valueLabel, String description, BiConsumer<Builder, String> apply) {
        FLAGS.put(name, new Flag(name, valueLabel, description, apply));
    }

    private static SeccompRule hardening(String id) {
        return SeccompRule.hardening(id).orElseThrow(() -> new IllegalArgumentException("--harden does not know \""
                + id + "\": use " + String.join(", ", SeccompRule.hardeningIds())));
    }

    /** Every flag, in the order of the help text. */
    public static List<Flag> flags() {
        return List.copyOf(FLAGS.values());
    }

    /** Whether {@code run} traces the command and explains its denials, and when. */
    public enum Explain {
        NONE, AFTER, LIVE;

        static Explain parse(String value) {
            if (value == null || value.equals("true") || value.equals("after")) {
                return AFTER;
            }
            if (value.equals("live")) {
                return LIVE;
            }
            throw new IllegalArgumentException("--explain takes no value, or =live, not \"" + value + "\"");
        }
    }

    /** landrun's log levels. */
    public enum LogLevel {
        ERROR, INFO, DEBUG;

        public static LogLevel parse(String value) {
            if (value == null || value.isBlank()) {
                return ERROR;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown log level \"" + value + "\": use error, info or debug");
            }
        }

        public boolean atLeast(LogLevel other) {
            return compareTo(other) >= 0;
        }
    }

    /**
     * What a landrun command line asks for.
     *
     * @param policy           the policy, with the command in it
     * @param logLevel         how much to print on stderr
     * @param dryRun           report only, do not run
     * @param allowUnsandboxed the explicit opt-in to run without Landlock
     * @param help             --help was given
     * @param compatibilityGiven whether --best-effort or --strict was on the line (landrun's default is strict,
     *                         Paddock's best-effort, and the policy holds Paddock's)
     * @param profile          the --profile file, or null; then the policy's command holds only the extra words
     * @param explain          whether to trace the run and explain its denials (--explain)
     * @param abiGiven         whether --abi was on the line (else the policy is written for {@link Abi#LATEST})
     */
    public record RunRequest(Policy policy, LogLevel logLevel, boolean dryRun, boolean allowUnsandboxed,
                             boolean help, boolean compatibilityGiven, String profile, Explain explain,
                             boolean abiGiven) {
    }

    /** Collects the flags' effects. */
    public static final class Builder {
        private final Policy.Builder policy = Policy.builder();
        private LogLevel logLevel;
        private boolean bestEffort;
        private boolean strict;
        private boolean dryRun;
        private boolean allowUnsandboxed;
        private boolean help;
        private String profile;
        private Explain explain = Explain.NONE;
        private boolean abiGiven;
        private final List<String> policyFlags = new ArrayList<>();

        private Builder() {
        }
    }

    /** The flags that only choose how to run, and may go with --profile. */
    private static final java.util.Set<String> RUN_ONLY = java.util.Set.of("log-level", "dry-run",
            "allow-unsandboxed", "help", "profile", "explain");

    /** The switches that also take an optional value after '=' (--explain=live). */
    private static final java.util.Set<String> OPTIONAL_VALUE = java.util.Set.of("explain");

    /**
     * Parses the words after "run" (or after "landrun"); {@code defaultLogLevel} is what $LANDRUN_LOG_LEVEL says.
     *
     * @throws IllegalArgumentException with one sentence naming the flag or value at fault
     */
    public static RunRequest parse(List<String> args, String defaultLogLevel) {
        Builder b = new Builder();
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i);
            if (word.equals("--")) {
                i++;
                break;
            }
            if (!word.startsWith("-") || word.equals("-")) {
                break;
            }
            String name = word.replaceFirst("^--?", "");
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("h")) {
                name = "help";
            }
            Flag flag = FLAGS.get(name);
            if (flag == null) {
                throw new IllegalArgumentException("unknown option " + word + Suggestion.closest(name, FLAGS.keySet())
                        .map(known -> ": did you mean --" + known + "?").orElse("") + " (see: paddock run --help)");
            }
            if (flag.valueLabel() == null) {
                if (value != null && !value.equals("true") && !OPTIONAL_VALUE.contains(name)) {
                    throw new IllegalArgumentException("--" + name + " takes no value");
                }
            } else if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value: " + flag.valueLabel());
                }
                String next = args.get(i + 1);
                if (next.equals("--") || next.startsWith("--") && FLAGS.containsKey(next.substring(2)
                        .replaceFirst("=.*", ""))) {
                    throw new IllegalArgumentException("--" + name + " needs a value (" + flag.valueLabel()
                            + ") before " + next + "; to give one that starts with a dash, write --" + name
                            + "=VALUE");
                }
                value = args.get(++i);
            }
            flag.apply().accept(b, value);
            if (!RUN_ONLY.contains(name)) {
                b.policyFlags.add("--" + name);
            }
            i++;
        }
        List<String> command = new ArrayList<>(args.subList(i, args.size()));
        if (b.profile != null && !b.policyFlags.isEmpty()) {
            throw new IllegalArgumentException("--profile cannot be combined with " + b.policyFlags.get(0)
                    + ": edit the profile instead");
        }
        if (command.isEmpty() && !b.help && b.profile == null) {
            throw new IllegalArgumentException("no command was given: paddock run [FLAGS] [--] COMMAND [ARGS]");
        }
        if (b.strict && b.bestEffort) {
            throw new IllegalArgumentException("--strict and --best-effort contradict each other: choose one");
        }
        if (b.strict) {
            b.policy.strict();
        }
        b.policy.command(command);
        LogLevel level = b.logLevel != null ? b.logLevel : LogLevel.parse(defaultLogLevel);
        return new RunRequest(b.policy.build(), level, b.dryRun, b.allowUnsandboxed, b.help,
                b.strict || b.bestEffort, b.profile, b.explain, b.abiGiven);
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("an empty path or port in \"" + value + "\"");
            }
            parts.add(part);
        }
        return parts;
    }

    private static int abi(String text) {
        try {
            int abi = Integer.parseInt(text.trim());
            if (Abi.known(abi)) {
                return abi;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--abi expects a Landlock ABI from 1 to " + Abi.LATEST + ", not \"" + text
                + "\"");
    }

    private static int port(String flag, String text, PortUse use) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a port number, not \"" + text + "\"");
        }
        if (!use.accepts(port)) {
            throw new IllegalArgumentException(flag + " " + text + " " + use.rangeProblem());
        }
        return port;
    }
}
