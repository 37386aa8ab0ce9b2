package dev.paddock.core.landlock;

/**
 * The Landlock errata: fixes that user space may need to know about, which a kernel reports with
 * landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_ERRATA) as bit N-1 for erratum N. Checked against
 * security/landlock/errata/abi-*.h: erratum 1 (abi-4.h), 2 (abi-6.h), 3 and 4 (abi-1.h).
 */
public enum Erratum {
    TCP_SOCKET_IDENTIFICATION(1, 4, "TCP socket identification",
            "Fixed: the TCP rights no longer restrict other stream sockets (SMC, MPTCP, SCTP); unfixed, the TCP rules "
                    + "also deny those protocols."),
    SCOPED_SIGNAL_HANDLING(2, 6, "Scoped signal handling",
            "Fixed: threads of one process may always signal each other, whatever their domains; unfixed, the signal "
                    + "scope blocks signals between threads in different domains."),
    DISCONNECTED_DIRECTORY(3, 1, "Disconnected directory handling",
            "Fixed: a directory moved out of a bind mount cannot be used to widen access through rename or link."),
    WHITEOUT_CREATION(4, 1, "Creation of whiteout objects",
            "Fixed: creating OverlayFS whiteouts needs make_reg instead of make_char.");

    private final int number;
    private final int abi;
    private final String title;
    private final String explanation;

    Erratum(int number, int abi, String title, String explanation) {
        this.number = number;
        this.abi = abi;
        this.title = title;
        this.explanation = explanation;
    }

    /** The erratum's number, from 1. */
    public int number() {
        return number;
    }

    /** Its bit in the kernel's answer. */
    public long bit() {
        return 1L << (number - 1);
    }

    /** The ABI whose behaviour it fixes. */
    public int abi() {
        return abi;
    }

    public String title() {
        return title;
    }

    /** What the fix changes, in a sentence or two. */
    public String explanation() {
        return explanation;
    }
}
