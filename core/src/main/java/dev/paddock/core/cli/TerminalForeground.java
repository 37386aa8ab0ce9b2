package dev.paddock.core.cli;

import com.sun.jna.Memory;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.LibC;

/**
 * While {@code run --explain} waits for its command, the command's process group is the terminal's foreground one,
 * as a shell does for a job: it may read the terminal, and Ctrl-C reaches it rather than the JVM. Given back
 * afterwards, with SIGTTOU blocked on this thread so that a background JVM may take the terminal back. Does
 * nothing when stdin is not a terminal.
 */
final class TerminalForeground implements AutoCloseable {
    private static final long TIOCGPGRP = 0x540F;
    private static final long TIOCSPGRP = 0x5410;
    private static final int SIG_BLOCK = 0;
    private static final int SIGTTOU = 22;

    private final int previous;

    private TerminalForeground(int previous) {
        this.previous = previous;
    }

    static TerminalForeground give(long pgid) {
        if (LibC.isatty(0) != 1) {
            return new TerminalForeground(-1);
        }
        try (Memory group = new Memory(4)) {
            if (LibC.ioctl(0, TIOCGPGRP, group) != 0) {
                return new TerminalForeground(-1);
            }
            int previous = group.getInt(0);
            group.setInt(0, (int) pgid);
            if (LibC.ioctl(0, TIOCSPGRP, group) != 0) {
                return new TerminalForeground(-1);
            }
            return new TerminalForeground(previous);
        }
    }

    @Override
    public void close() {
        if (previous < 0) {
            return;
        }
        try (Memory set = new Memory(ProcessConstants.SIZEOF_SIGSET); Memory old = new Memory(ProcessConstants.SIZEOF_SIGSET);
             Memory group = new Memory(4)) {
            set.clear();
            set.setLong(0, 1L << (SIGTTOU - 1));
            LibC.pthread_sigmask(SIG_BLOCK, set, old);
            group.setInt(0, previous);
            LibC.ioctl(0, TIOCSPGRP, group);
            LibC.pthread_sigmask(ProcessConstants.SIG_SETMASK, old, null);
        }
    }
}
