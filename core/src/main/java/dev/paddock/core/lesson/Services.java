package dev.paddock.core.lesson;

import java.util.List;

/**
 * What the checker runs beside the sandbox for the probes to reach, outside the sandbox and on this machine only.
 *
 * @param tcpPorts       TCP ports the checker listens on, on 127.0.0.1
 * @param signalTarget   a process outside the sandbox that probes may signal; its pid is {@code ${TARGET_PID}}
 * @param abstractSocket an abstract UNIX socket outside the sandbox; its name (without the leading NUL) is
 *                       {@code ${ABSTRACT_NAME}}
 */
public record Services(List<Integer> tcpPorts, boolean signalTarget, boolean abstractSocket) {

    /** Nothing beside the sandbox. */
    public static final Services NONE = new Services(List.of(), false, false);

    /**
     * Checks and copies the components.
     *
     * @param tcpPorts see the record
     * @param signalTarget see the record
     * @param abstractSocket see the record
     */
    public Services {
        tcpPorts = List.copyOf(tcpPorts);
        for (int port : tcpPorts) {
            if (port < 1024 || port > 65535) {
                throw new IllegalArgumentException("the listening port " + port
                        + " must be between 1024 and 65535, so that nobody needs privileges to open it");
            }
        }
    }
}
