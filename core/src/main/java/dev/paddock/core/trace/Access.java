package dev.paddock.core.trace;

import java.util.List;

/**
 * One access a traced process attempted, before it happened: the operation, the path (resolved as the kernel
 * resolves it: from the caller's working directory or directory fd, through the links the call follows), the second
 * path of a rename or link, the port of a socket call, and what Landlock checks for it.
 *
 * @param operation what was tried
 * @param path      the resolved path (for a socket: the address, or null)
 * @param otherPath the new name of a rename or link, the target text of a symbolic link, or null
 * @param port      the TCP or UDP port, or -1
 * @param needs     what Landlock checks, in the order the kernel checks it
 */
public record Access(Operation operation, String path, String otherPath, int port, List<Need> needs) {

    public Access {
        needs = List.copyOf(needs);
    }

    /** "read /etc/passwd", "rename /a/x to /b/x", "connect to TCP port 443". */
    public String describe() {
        StringBuilder text = new StringBuilder(operation.words());
        if (port >= 0) {
            text.append(' ').append(port);
            if (path != null) {
                text.append(" (").append(path).append(')');
            }
            return text.toString();
        }
        if (path != null) {
            text.append(' ').append(path);
        }
        if (otherPath != null) {
            text.append(operation == Operation.MAKE_SYMLINK ? " -> " : " to ").append(otherPath);
        }
        return text.toString();
    }
}
