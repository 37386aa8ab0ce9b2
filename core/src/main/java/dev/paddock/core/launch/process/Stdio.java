package dev.paddock.core.launch.process;

import com.sun.jna.Pointer;
import dev.paddock.core.SandboxException;
import dev.paddock.core.sys.FileConstants;
import dev.paddock.core.sys.LibC;

import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;

/**
 * The child's fds 0, 1 and 2, prepared in the parent: pipes, files, inherited fds or a pseudo-terminal. Every fd
 * made here is O_CLOEXEC in the parent; the spawn's file actions dup2 the child's ends into place.
 */
public final class Stdio implements AutoCloseable {
    private final int[] childFds = {-1, -1, -1};
    private final FdHandle[] parentEnds = new FdHandle[3];
    private final List<Integer> childEndsToClose = new ArrayList<>();
    private final Pty pty;

    private Stdio(Pty pty) {
        this.pty = pty;
    }

    /** All three streams on the terminal; the child reads and writes the slave, Paddock the master. */
    public static Stdio onTerminal(Pty pty) throws SandboxException {
        Stdio stdio = new Stdio(pty);
        int duplicate = LibC.fcntl(pty.master().fd(), 1030 /* F_DUPFD_CLOEXEC */, 3);
        if (duplicate < 0) {
            throw new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                    "cannot duplicate the terminal: " + LibC.describe(LibC.errno()));
        }
        stdio.parentEnds[0] = new FdHandle(duplicate);
        stdio.parentEnds[1] = pty.master();
        return stdio;
    }

    /** Each stream as a ProcessBuilder.Redirect says; stderr may join stdout. */
    public static Stdio of(Redirect in, Redirect out, Redirect err, boolean mergeErrorIntoOutput)
            throws SandboxException {
        Stdio stdio = new Stdio(null);
        try {
            stdio.prepare(0, in);
            stdio.prepare(1, out);
            if (mergeErrorIntoOutput) {
                stdio.childFds[2] = stdio.childFds[1] >= 0 ? stdio.childFds[1] : 1;
            } else {
                stdio.prepare(2, err);
            }
            return stdio;
        } catch (SandboxException e) {
            stdio.close();
            throw e;
        }
    }

    private void prepare(int target, Redirect redirect) throws SandboxException {
        switch (redirect.type()) {
            case PIPE -> {
                int[] fds = new int[2];
                if (LibC.pipe2(fds, FileConstants.O_CLOEXEC) != 0) {
                    throw new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                            "cannot create a pipe: " + LibC.describe(LibC.errno()));
                }
                int childEnd = target == 0 ? fds[0] : fds[1];
                int parentEnd = target == 0 ? fds[1] : fds[0];
                childFds[target] = childEnd;
                childEndsToClose.add(childEnd);
                parentEnds[target] = new FdHandle(parentEnd);
            }
            case INHERIT -> childFds[target] = -1;
            case READ -> openFile(target, redirect, FileConstants.O_RDONLY);
            case WRITE -> openFile(target, redirect, FileConstants.O_WRONLY | FileConstants.O_CREAT | FileConstants.O_TRUNC);
            case APPEND -> openFile(target, redirect, FileConstants.O_WRONLY | FileConstants.O_CREAT | FileConstants.O_APPEND);
        }
    }

    private void openFile(int target, Redirect redirect, int flags) throws SandboxException {
        String path = redirect.file().getAbsolutePath();
        int fd = LibC.open(path, flags | FileConstants.O_CLOEXEC, 0666);
        if (fd < 0) {
            throw new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                    "cannot open " + path + " for the child's " + streamName(target) + ": "
                            + LibC.describe(LibC.errno()));
        }
        childFds[target] = fd;
        childEndsToClose.add(fd);
    }

    private static String streamName(int fd) {
        return switch (fd) {
            case 0 -> "standard input";
            case 1 -> "standard output";
            default -> "standard error";
        };
    }

    /**
     * Whether the child starts a session of its own: always, unless it shares the caller's terminal, where it must
     * stay in the caller's session to keep job control. A terminal of its own needs a session for it to control.
     */
    public boolean needsSession() {
        return pty != null || !inheritsTerminal();
    }

    private boolean inheritsTerminal() {
        for (int target = 0; target < 3; target++) {
            if (childFds[target] < 0 && LibC.isatty(target) == 1) {
                return true;
            }
        }
        return false;
    }

    /** Adds the dup2 (or terminal open) actions, in order, to a posix_spawn_file_actions_t. */
    public void addFileActions(Pointer actions) {
        if (pty != null) {
            LibC.posix_spawn_file_actions_addopen(actions, 0, pty.slavePath(), FileConstants.O_RDWR, 0);
            LibC.posix_spawn_file_actions_adddup2(actions, 0, 1);
            LibC.posix_spawn_file_actions_adddup2(actions, 0, 2);
            return;
        }
        for (int target = 0; target < 3; target++) {
            if (childFds[target] >= 0) {
                LibC.posix_spawn_file_actions_adddup2(actions, childFds[target], target);
            }
        }
    }

    public FdHandle parentEnd(int target) {
        return parentEnds[target];
    }

    /** After the spawn: the child has its copies, so the parent closes its copies of the child's ends. */
    public void closeChildEnds() {
        for (int fd : childEndsToClose) {
            LibC.close(fd);
        }
        childEndsToClose.clear();
    }

    /** On failure: closes everything. */
    @Override
    public void close() {
        closeChildEnds();
        for (FdHandle end : parentEnds) {
            if (end != null) {
                end.close();
            }
        }
    }
}
