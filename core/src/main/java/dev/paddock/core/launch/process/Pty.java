package dev.paddock.core.launch.process;

import com.sun.jna.Memory;
import dev.paddock.core.SandboxException;
import dev.paddock.core.sys.FileConstants;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.LibC;

import java.nio.charset.StandardCharsets;

/**
 * A pseudo-terminal pair. Paddock keeps the master; the child opens the slave by name after it has started its own
 * session, so the terminal becomes its controlling terminal.
 */
public final class Pty {
    private final FdHandle master;
    private final String slavePath;

    private Pty(FdHandle master, String slavePath) {
        this.master = master;
        this.slavePath = slavePath;
    }

    public static Pty open(int columns, int rows) throws SandboxException {
        int fd = LibC.posix_openpt(FileConstants.O_RDWR | FileConstants.O_NOCTTY | FileConstants.O_CLOEXEC);
        if (fd < 0) {
            throw failure("posix_openpt", LibC.errno());
        }
        byte[] name = new byte[128];
        if (LibC.grantpt(fd) != 0 || LibC.unlockpt(fd) != 0) {
            int errno = LibC.errno();
            LibC.close(fd);
            throw failure("unlockpt", errno);
        }
        int error = LibC.ptsname_r(fd, name, name.length);
        if (error != 0) {
            LibC.close(fd);
            throw failure("ptsname_r", error);
        }
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        Pty pty = new Pty(new FdHandle(fd), new String(name, 0, length, StandardCharsets.UTF_8));
        pty.resize(columns, rows);
        return pty;
    }

    private static SandboxException failure(String call, int errno) {
        return new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                "cannot open a pseudo-terminal: " + call + " failed: " + LibC.describe(errno));
    }

    public String slavePath() {
        return slavePath;
    }

    public FdHandle master() {
        return master;
    }

    /** Tells the terminal (and so the child, by SIGWINCH) its new size. */
    public void resize(int columns, int rows) {
        if (!master.acquire()) {
            return;
        }
        try (Memory size = new Memory(8)) {
            size.setShort(0, (short) rows);
            size.setShort(2, (short) columns);
            size.setShort(4, (short) 0);
            size.setShort(6, (short) 0);
            LibC.ioctl(master.fd(), ProcessConstants.TIOCSWINSZ, size);
        } finally {
            master.release();
        }
    }
}
