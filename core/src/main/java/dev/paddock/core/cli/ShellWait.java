package dev.paddock.core.cli;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.sys.LibC;
import dev.paddock.core.sys.ProcessConstants;

/**
 * While {@code run --explain} waits for its command, the JVM waits as a shell's {@code system()} does: SIGINT and
 * SIGQUIT are ignored here, so Ctrl-C and Ctrl-\ end the command, which shares the JVM's process group (the
 * terminal's foreground job) and has every signal at its default, and the JVM lives on to explain the run and exit
 * with the command's code (130 after Ctrl-C). Ctrl-Z stops the whole job, the JVM with it, and {@code fg} continues
 * both, as the shell does it for any job. The signals' previous handling is given back on close.
 */
final class ShellWait implements AutoCloseable {
    private static final int[] SIGNALS = {ProcessConstants.SIGINT, ProcessConstants.SIGQUIT};
    private static final long SIG_IGN = 1;

    private final Memory[] previous = new Memory[SIGNALS.length];

    private ShellWait() {
    }

    /** Ignores SIGINT and SIGQUIT in this process until {@link #close()}. */
    static ShellWait begin() {
        ShellWait wait = new ShellWait();
        try (Memory ignore = new Memory(ProcessConstants.SIZEOF_SIGACTION)) {
            ignore.clear();
            ignore.setPointer(0, Pointer.createConstant(SIG_IGN));
            for (int i = 0; i < SIGNALS.length; i++) {
                Memory old = new Memory(ProcessConstants.SIZEOF_SIGACTION);
                old.clear();
                if (LibC.sigaction(SIGNALS[i], ignore, old) == 0) {
                    wait.previous[i] = old;
                } else {
                    old.close();
                }
            }
        }
        return wait;
    }

    /**
     * Ends this process by SIGINT, as the command was ended: a shell then sees what it sees after Ctrl-C on a plain
     * run (status 130, and an interactive bash drops the rest of the command line). Returns only if the signal did
     * not end the process at once.
     */
    static void endByInterrupt() {
        try (Memory standard = new Memory(ProcessConstants.SIZEOF_SIGACTION)) {
            standard.clear(); // SIG_DFL
            LibC.sigaction(ProcessConstants.SIGINT, standard, Pointer.NULL);
        }
        LibC.kill((int) ProcessHandle.current().pid(), ProcessConstants.SIGINT);
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < SIGNALS.length; i++) {
            if (previous[i] != null) {
                LibC.sigaction(SIGNALS[i], previous[i], Pointer.NULL);
                previous[i].close();
                previous[i] = null;
            }
        }
    }
}
