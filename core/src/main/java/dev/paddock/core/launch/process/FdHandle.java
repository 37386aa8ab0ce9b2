package dev.paddock.core.launch.process;

import dev.paddock.core.sys.LibC;

/**
 * A native file descriptor shared by a stream and whoever closes it. A close that races with a blocked read is
 * deferred until the read returns, so the number is never reused under a reader's feet.
 */
public final class FdHandle {
    private final int fd;
    private int users;
    private boolean closeRequested;
    private boolean closed;

    public FdHandle(int fd) {
        this.fd = fd;
    }

    /** Marks the start of a native call on the fd; false if the fd is closed or closing. */
    public synchronized boolean acquire() {
        if (closeRequested) {
            return false;
        }
        users++;
        return true;
    }

    public synchronized void release() {
        users--;
        closeIfIdle();
    }

    public synchronized void close() {
        closeRequested = true;
        closeIfIdle();
    }

    public synchronized boolean isClosed() {
        return closeRequested;
    }

    public int fd() {
        return fd;
    }

    private void closeIfIdle() {
        if (closeRequested && users == 0 && !closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
