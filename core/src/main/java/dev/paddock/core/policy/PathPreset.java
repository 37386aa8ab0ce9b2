package dev.paddock.core.policy;

import java.util.List;

/** Typical sets of path rules, added in one step. Paths that do not exist on a machine are skipped at run time. */
public enum PathPreset {
    SYSTEM("System programs and libraries", "Run programs from /usr and load their libraries.",
            List.of(new PathRule("/usr", AccessMode.ROX), new PathRule("/etc/ld.so.cache", AccessMode.RO),
                    new PathRule("/lib", AccessMode.ROX), new PathRule("/lib64", AccessMode.ROX),
                    new PathRule("/bin", AccessMode.ROX))),
    DEVICES("/dev/null and the terminal", "Write to /dev/null, read /dev/urandom, and use the terminal.",
            List.of(new PathRule("/dev/null", AccessMode.RW), new PathRule("/dev/zero", AccessMode.RO),
                    new PathRule("/dev/urandom", AccessMode.RO), new PathRule("/dev/tty", AccessMode.RW),
                    new PathRule("/dev/pts", AccessMode.RW))),
    DNS("DNS resolution", "Read the files the C library needs to resolve host names (UDP itself is never restricted).",
            List.of(new PathRule("/etc/resolv.conf", AccessMode.RO), new PathRule("/etc/hosts", AccessMode.RO),
                    new PathRule("/etc/nsswitch.conf", AccessMode.RO), new PathRule("/etc/gai.conf", AccessMode.RO),
                    new PathRule("/run/systemd/resolve", AccessMode.RO))),
    TLS("TLS certificates", "Read the system's trusted certificate authorities.",
            List.of(new PathRule("/etc/ssl", AccessMode.RO), new PathRule("/etc/ca-certificates", AccessMode.RO),
                    new PathRule("/usr/share/ca-certificates", AccessMode.RO))),
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

    /** Presets with paths that may be absent need ignore-missing; this says whether the preset has such paths. */
    public boolean mayBeMissing() {
        return this == SYSTEM || this == DEVICES || this == DNS || this == TLS;
    }
}
