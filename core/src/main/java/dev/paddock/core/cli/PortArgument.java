package dev.paddock.core.cli;

import dev.paddock.core.policy.Policy;

/** Parses a TCP port given on the command line, refusing what landrun would silently wrap around. */
final class PortArgument {

    private PortArgument() {
    }

    static int parse(String flag, String text, int lowest) {
        String value = text.trim();
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a port number, not \"" + text + "\"");
        }
        if (port < lowest || port > Policy.MAX_PORT) {
            throw new IllegalArgumentException(flag + " " + text + " is out of range: use " + lowest + " to "
                    + Policy.MAX_PORT);
        }
        return port;
    }
}
