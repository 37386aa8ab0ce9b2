package dev.paddock.core.policy;

import java.util.List;

/**
 * Typical sets of path rules, added in one step. The rules of the presets whose paths may not exist on every machine
 * are optional: such a path is skipped at run time, and the rest of the profile still refuses a missing path.
 */
public enum PathPreset {
    SYSTEM("System programs and libraries", "Run programs from /usr and load their libraries.",
            List.of(optional("/usr", AccessMode.ROX), optional("/etc/ld.so.cache", AccessMode.RO),
                    optional("/lib", AccessMode.ROX), optional("/lib64", AccessMode.ROX),
                    optional("/bin", AccessMode.ROX))),
    DEVICES("/dev/null and the terminal", "Write to /dev/null, read /dev/urandom, and use the terminal.",
            List.of(optional("/dev/null", AccessMode.RW), optional("/dev/zero", AccessMode.RO),
                    optional("/dev/urandom", AccessMode.RO), optional("/dev/tty", AccessMode.RW),
                    optional("/dev/pts", AccessMode.RW))),
    DNS("DNS resolution", "Read the files the C library needs to resolve host names (from ABI 10, also allow UDP port 53).",
            List.of(optional("/etc/resolv.conf", AccessMode.RO), optional("/etc/hosts", AccessMode.RO),
                    optional("/etc/nsswitch.conf", AccessMode.RO), optional("/etc/gai.conf", AccessMode.RO),
                    optional("/run/systemd/resolve", AccessMode.RO))),
    TLS("TLS certificates", "Read the system's trusted certificate authorities.",
            List.of(optional("/etc/ssl", AccessMode.RO), optional("/etc/ca-certificates", AccessMode.RO),
                    optional("/usr/share/ca-certificates", AccessMode.RO))),
    HOME_READ_ONLY("Home, read-only", "Read everything in your home folder; change nothing.",
            List.of(new PathRule("${HOME}", AccessMode.RO))),
    TEMP("Temporary files", "Create and change files in /tmp.",
            List.of(new PathRule("/tmp", AccessMode.RW)));

    private final String title;
    private final String explanation;
    private final List<PathRule> rules;

    PathPreset(String title, String explanation, List<PathRule> rules) {
        this.title = title;
        this.explanation = explanation;
        this.rules = rules;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }

    public List<PathRule> rules() {
        return rules;
    }

    /** Whether the preset has paths that may be absent; its rules are optional then. */
    public boolean mayBeMissing() {
        return this == SYSTEM || this == DEVICES || this == DNS || this == TLS;
    }

    private static PathRule optional(String path, AccessMode mode) {
        return new PathRule(path, mode, false, true);
    }
}
