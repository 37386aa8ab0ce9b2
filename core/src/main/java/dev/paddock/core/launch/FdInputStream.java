package dev.paddock.core.launch;

import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.io.IOException;
import java.io.InputStream;

/** Reads a pipe or a terminal master through read(2). EIO from a terminal whose child has gone reads as the end. */
final class FdInputStream extends InputStream {
    private final FdHandle handle;
    private final byte[] one = new byte[1];

    FdInputStream(FdHandle handle) {
        this.handle = handle;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!handle.acquire()) {
            throw new IOException("Stream closed");
        }
        try {
            byte[] target = offset == 0 ? buffer : new byte[length];
            while (true) {
                long n = LibC.read(handle.fd(), target, length);
                if (n > 0) {
                    if (target != buffer) {
                        System.arraycopy(target, 0, buffer, offset, (int) n);
                    }
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
    public void close() {
        handle.close();
    }
}
