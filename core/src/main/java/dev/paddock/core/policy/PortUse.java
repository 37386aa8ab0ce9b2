package dev.paddock.core.policy;

/**
 * What a port rule lets the sandbox do with a port, and the one range check every reader of ports uses: binding may
 * name port 0 (the kernel picks an ephemeral port), connecting may not.
 */
public enum PortUse {
    BIND("bind", 0),
    CONNECT("connect", 1);

    public static final int MAX_PORT = 65535;

    private final String verb;
    private final int lowest;

    PortUse(String verb, int lowest) {
        this.verb = verb;
        this.lowest = lowest;
    }

    public String verb() {
        return verb;
    }

    public int lowest() {
        return lowest;
    }

    /** Whether the port can be used this way. */
    public boolean accepts(long port) {
        return port >= lowest && port <= MAX_PORT;
    }

    /** "is out of range: use 1 to 65535", the end of every message about a port that is not accepted. */
    public String rangeProblem() {
        return "is out of range: use " + lowest + " to " + MAX_PORT;
    }
}
