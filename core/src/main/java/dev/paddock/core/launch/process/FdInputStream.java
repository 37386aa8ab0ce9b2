package dev.paddock.core.launch.process;

import com.sun.jna.Memory;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a pipe or a terminal master through read(2). EIO from a terminal whose child has gone reads as the end.
 * When the child exits, what is still unread is kept in memory and the fd is closed, as the JDK's own process
 * streams do, so that a caller who never reads or closes the stream does not leak the fd.
 */
public final class FdInputStream extends InputStream {
    private static final long FIONREAD = 0x541B;
    /**
     * The most one read(2) takes. Reads go through a native buffer of this size, made once: JNA would copy the whole
     * of a Java array in and out around every call, which for a large array and a terminal's 4 KiB reads is most of
     * the cost of reading.
     */
    static final int CHUNK = 64 * 1024;
    private final FdHandle handle;
    private Memory chunk;
    private final byte[] one = new byte[1];
    private byte[] drained;
    private int drainedPosition;

    public FdInputStream(FdHandle handle) {
        this.handle = handle;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (drained != null) {
            int n = Math.min(length, drained.length - drainedPosition);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(drained, drainedPosition, buffer, offset, n);
            drainedPosition += n;
            return n;
        }
        if (!handle.acquire()) {
            throw new IOException("Stream closed");
        }
        try {
            if (chunk == null) {
                chunk = new Memory(CHUNK);
            }
            while (true) {
                long n = LibC.read(handle.fd(), chunk, Math.min(length, CHUNK));
                if (n > 0) {
                    chunk.read(0, buffer, offset, (int) n);
                    return (int) n;
                }
                if (n == 0) {
                    return -1;
                }
                int errno = LibC.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EIO) {
                    return -1;
                }
                throw new IOException("read failed: " + LibC.describe(errno));
            }
        } finally {
            handle.release();
        }
    }

    @Override
    public synchronized int available() throws IOException {
        if (drained != null) {
            return drained.length - drainedPosition;
        }
        if (!handle.acquire()) {
            throw new IOException("Stream closed");
        }
        try (Memory count = new Memory(4)) {
            count.setInt(0, 0);
            return LibC.ioctl(handle.fd(), FIONREAD, count) == 0 ? count.getInt(0) : 0;
        } finally {
            handle.release();
        }
    }

    /** Called once the child has been reaped: keeps what is already buffered in the pipe and closes the fd. */
    public synchronized void processExited() {
        if (handle.isClosed()) {
            return;
        }
        try {
            int pending = available();
            byte[] rest = new byte[pending];
            int got = 0;
            while (got < pending) {
                int n = read(rest, got, pending - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            drained = got == pending ? rest : java.util.Arrays.copyOf(rest, got);
        } catch (IOException e) {
            drained = new byte[0];
        }
        handle.close();
        if (chunk != null) {
            chunk.close();
            chunk = null;
        }
    }

    @Override
    public synchronized void close() {
        handle.close();
        if (drained != null) {
            drainedPosition = drained.length;
        }
        if (chunk != null) {
            chunk.close();
            chunk = null;
        }
    }
}
