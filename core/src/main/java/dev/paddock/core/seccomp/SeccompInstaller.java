package dev.paddock.core.seccomp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.sys.Constants;
import dev.paddock.core.sys.LibC;

/**
 * Installs a {@link SeccompFilter} on the calling thread. The filter is copied into native memory on the caller's
 * thread first, once per distinct filter (a few exist, each kept for the life of the JVM), so that the install itself
 * (on a thread about to spawn or execve) allocates nothing and loads no class. Like Landlock, a filter is per thread
 * and inherited by every process the thread creates.
 */
public final class SeccompInstaller {
    private static final java.util.Map<SeccompFilter, SeccompInstaller> PREPARED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int SECCOMP_FILTER_FLAG_NEW_LISTENER = 1 << 3;

    private final Memory instructions;
    private final Memory program;
    private final long syscallNumber;
    private final boolean listener;

    /** The filter, ready for installing; call on the caller's thread. */
    public static SeccompInstaller of(SeccompFilter filter) {
        return PREPARED.computeIfAbsent(filter, SeccompInstaller::new);
    }

    private SeccompInstaller(SeccompFilter filter) {
        LibC.load();
        byte[] bytes = filter.bytes();
        this.instructions = new Memory(bytes.length);
        instructions.write(0, bytes, 0, bytes.length);
        this.program = new Memory(16);
        program.clear();
        program.setShort(0, (short) filter.program().size());
        program.setPointer(8, instructions);
        this.syscallNumber = Syscall.SECCOMP.number(filter.architecture());
        this.listener = filter.setsidToListener();
    }

    /** Whether {@link #install()} returns a listener fd that must be served (see {@link SessionListener}). */
    public boolean hasListener() {
        return listener;
    }

    /**
     * Sets no_new_privs (the kernel requires it of an unprivileged caller) and installs the filter on the calling
     * thread. Returns the listener fd (with a listener), 0 (without), or minus the errno.
     */
    public int install() {
        if (LibC.prctl(Constants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
            return -LibC.errno();
        }
        long result = LibC.syscall(syscallNumber, SECCOMP_SET_MODE_FILTER,
                listener ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0, Pointer.nativeValue(program), 0);
        if (result < 0) {
            return -LibC.errno();
        }
        return (int) result;
    }
}
