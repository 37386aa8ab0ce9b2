package dev.paddock.core.landlock;

import dev.paddock.core.sys.LibC;

/** A Landlock system call failed; carries the call and its errno. */
public final class LandlockException extends Exception {
    private final String call;
    private final int errno;

    public LandlockException(String call, int errno) {
        super(call + " failed: " + LibC.describe(errno) + " (errno " + errno + ")");
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
