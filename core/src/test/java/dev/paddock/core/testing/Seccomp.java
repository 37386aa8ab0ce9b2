package dev.paddock.core.testing;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.sys.LibC;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulates a kernel without Landlock: a seccomp filter that makes landlock_create_ruleset (444) fail with a chosen
 * errno, installed on a fresh thread that runs the body and then ends, so no JVM thread that lives on keeps it.
 */
public final class Seccomp {
    private static final int PR_SET_SECCOMP = 22;
    private static final int SECCOMP_MODE_FILTER = 2;

    private Seccomp() {
    }

    public static <T> T withoutLandlock(int errno, Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try (Memory filter = new Memory(4 * 8); Memory program = new Memory(16)) {
                instruction(filter, 0, 0x20, 0, 0, 0);                 // ld [0]: the syscall number
                instruction(filter, 1, 0x15, 0, 1, 444);               // jeq #444
                instruction(filter, 2, 0x06, 0, 0, 0x00050000 | errno); // ret ERRNO(errno)
                instruction(filter, 3, 0x06, 0, 0, 0x7fff0000);        // ret ALLOW
                program.setShort(0, (short) 4);
                program.setPointer(8, filter);
                if (LibC.prctl(38, 1, 0, 0, 0) != 0
                        || LibC.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, Pointer.nativeValue(program), 0, 0) != 0) {
                    throw new IllegalStateException("cannot install the seccomp filter: errno " + LibC.errno());
                }
                result.set(body.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "seccomp-no-landlock");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static void instruction(Memory filter, int index, int code, int jt, int jf, int k) {
        long offset = index * 8L;
        filter.setShort(offset, (short) code);
        filter.setByte(offset + 2, (byte) jt);
        filter.setByte(offset + 3, (byte) jf);
        filter.setInt(offset + 4, k);
    }
}
