package dev.paddock.core.launch.process;

import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Writes to a pipe or a terminal master through write(2). */
public final class FdOutputStream extends OutputStream {
    private final FdHandle handle;

    public FdOutputStream(FdHandle handle) {
        this.handle = handle;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (!handle.acquire()) {
            throw new IOException("Stream closed");
        }
        try {
            byte[] rest = offset == 0 && length == buffer.length ? buffer : Arrays.copyOfRange(buffer, offset,
                    offset + length);
            int done = 0;
            while (done < rest.length) {
                byte[] chunk = done == 0 ? rest : Arrays.copyOfRange(rest, done, rest.length);
                long n = LibC.write(handle.fd(), chunk, chunk.length);
                if (n < 0) {
                    int errno = LibC.errno();
                    if (errno == Errno.EINTR) {
                        continue;
                    }
                    throw new IOException("write failed: " + LibC.describe(errno));
                }
                done += (int) n;
            }
        } finally {
            handle.release();
        }
    }

    @Override
    public void close() {
        handle.close();
    }

    /** Called once the child has been reaped: nobody can read what would be written any more. */
    public void processExited() {
        handle.close();
    }
}
