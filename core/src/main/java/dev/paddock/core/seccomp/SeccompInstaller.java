package dev.paddock.core.seccomp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.LibC;

/**
 * Installs a {@link SeccompFilter} on the calling thread. The filter is copied into native memory on the caller's
 * thread first, once per distinct filter (a few exist, each kept for the life of the JVM), so that the install itself
 * (on a thread about to spawn or execve) allocates nothing and loads no class. Like Landlock, a filter is per thread
 * and inherited by every process the thread creates.
 */
public final class SeccompInstaller {
    /**
     * By identity: {@link SeccompFilter#build} hands out one instance per distinct filter, and hashing a filter's
     * whole program on every launch would cost more than the lookup saves.
     */
    private static final java.util.Map<SeccompFilter, SeccompInstaller> PREPARED =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int SECCOMP_FILTER_FLAG_NEW_LISTENER = 1 << 3;
    /**
     * Linux 5.19: a traced call whose notification the supervisor has received waits for the answer and is not
     * restarted by every signal the program gets (timers, Go's preemption), which would only repeat the notification.
     * Fatal signals still end it, so a slow supervisor never makes a child unkillable.
     */
    private static final int SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 1 << 5;
    private static final int EINVAL = 22;

    private final Memory instructions;
    private final Memory program;
    private final long syscallNumber;
    private final boolean listener;
    private final boolean traced;

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
        this.listener = filter.hasListener();
        this.traced = !filter.notified().isEmpty();
    }

    /**
     * Whether {@link #install()} returns a listener fd that must be served: by {@link SessionListener} for the
     * spawn's setsid, or by an access trace's supervisor.
     */
    public boolean hasListener() {
        return listener;
    }

    /**
     * Sets no_new_privs (the kernel requires it of an unprivileged caller) and installs the filter on the calling
     * thread. Returns the listener fd (with a listener), 0 (without), or minus the errno.
     */
    public int install() {
        if (LibC.prctl(ProcessConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
            return -LibC.errno();
        }
        int flags = listener ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
        long result = LibC.syscall(syscallNumber, SECCOMP_SET_MODE_FILTER,
                traced ? flags | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV : flags, Pointer.nativeValue(program), 0);
        if (result < 0 && traced && LibC.errno() == EINVAL) {
            // a kernel before 5.19: without the flag, a signal restarts the call and it is notified again
            result = LibC.syscall(syscallNumber, SECCOMP_SET_MODE_FILTER, flags, Pointer.nativeValue(program), 0);
        }
        if (result < 0) {
            return -LibC.errno();
        }
        return (int) result;
    }
}
