package dev.paddock.core.seccomp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The traced filter, through the BPF interpreter of {@link SeccompFilterTest}. */
class TracedFilterTest {
    private static final Set<Syscall> TRACED = EnumSet.of(Syscall.OPENAT, Syscall.OPEN, Syscall.EXECVE,
            Syscall.CONNECT, Syscall.SENDTO, Syscall.RENAMEAT2);
    private static final SeccompPlan PLAN = SeccompPlan.of(true, Set.of());

    private static int call(boolean traced, Architecture arch, Syscall call, long... args) {
        byte[] code = SeccompFilter.build(arch, PLAN, false, traced ? TRACED : Set.of()).bytes();
        return SeccompFilterTest.run(code, call.number(arch), arch.auditArch(), args);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void anUntracedFilterIsTheFilterOfBefore(Architecture arch) {
        assertArrayEquals(SeccompFilter.build(arch, PLAN, true).bytes(),
                SeccompFilter.build(arch, PLAN, true, Set.of()).bytes());
        assertEquals(SeccompFilter.RET_ALLOW, call(false, arch, Syscall.OPENAT, -100, 0, 0));
        assertEquals(SeccompFilter.RET_ALLOW, call(false, arch, Syscall.CONNECT, 3, 0, 16));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void tracedCallsGoToTheListenerAfterThePlansOwnChecks(Architecture arch) {
        assertEquals(SeccompFilter.RET_USER_NOTIF, call(true, arch, Syscall.OPENAT, -100, 0, 0));
        assertEquals(SeccompFilter.RET_USER_NOTIF, call(true, arch, Syscall.EXECVE, 0, 0, 0));
        assertEquals(SeccompFilter.RET_USER_NOTIF, call(true, arch, Syscall.CONNECT, 3, 0, 16));
        assertEquals(SeccompFilter.RET_USER_NOTIF, call(true, arch, Syscall.SENDTO, 3, 0, 1, 0, 0, 16));
        // Fast Open is still refused before anyone is asked
        assertEquals(SeccompFilter.RET_ERRNO | SeccompFilter.EPERM,
                call(true, arch, Syscall.SENDTO, 3, 0, 1, SeccompFilter.MSG_FASTOPEN, 0, 16));
        // setsid keeps its rule; calls that are not traced are allowed
        assertEquals(SeccompFilter.RET_ERRNO | SeccompFilter.EPERM, call(true, arch, Syscall.SETSID));
        assertEquals(SeccompFilter.RET_ALLOW, call(true, arch, Syscall.LISTEN, 3, 1));
        if (arch == Architecture.AARCH64) {
            assertEquals(-1, Syscall.OPEN.number(arch), "aarch64 has only openat");
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aTracedFilterRefusesIoUringEvenWhereConnectIsOpen(Architecture arch) {
        SeccompPlan open = SeccompPlan.of(false, Set.of());
        assertEquals(SeccompFilter.RET_ALLOW, SeccompFilterTest.run(SeccompFilter.build(arch, open, false, Set.of())
                .bytes(), Syscall.IO_URING_SETUP.number(arch), arch.auditArch(), 1, 0));
        assertEquals(SeccompFilter.RET_ERRNO | SeccompFilter.EPERM, SeccompFilterTest.run(SeccompFilter.build(arch,
                open, false, TRACED).bytes(), Syscall.IO_URING_SETUP.number(arch), arch.auditArch(), 1, 0));
    }
}
