package dev.paddock.core.seccomp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each filter returns for each call, on both architectures, found by running the encoded bytes (the very bytes
 * that go to the kernel) through a classic-BPF interpreter written here from the kernel's definition of the
 * instructions. aarch64 cannot run on this machine, so this is how its filter is checked.
 */
class SeccompFilterTest {
    private static final int ALLOW = SeccompFilter.RET_ALLOW;
    private static final int EPERM = SeccompFilter.RET_ERRNO | 1;
    private static final int ENOSYS = SeccompFilter.RET_ERRNO | 38;
    private static final int NOTIFY = SeccompFilter.RET_USER_NOTIF;
    private static final int AUDIT_ARCH_I386 = 0x40000003;
    private static final int AUDIT_ARCH_ARM = 0x40000028;

    private static final SeccompPlan DEFAULT = SeccompPlan.of(true, Set.of());
    private static final SeccompPlan NETWORK_OPEN = SeccompPlan.of(false, Set.of());
    private static final SeccompPlan HARDENED = SeccompPlan.of(true, EnumSet.of(SeccompRule.MEMFD_EXEC,
            SeccompRule.FILE_METADATA, SeccompRule.UDP, SeccompRule.MPTCP, SeccompRule.LISTEN));

    /** Runs the program's bytes on one seccomp_data. */
    static int run(byte[] code, int nr, int arch, long... args) {
        return execute(code, nr, arch, args).action();
    }

    /** What a program returned, and after how many instructions. */
    record Outcome(int action, int steps) {
    }

    /** Runs the program's bytes on one seccomp_data, counting the instructions it takes. */
    static Outcome execute(byte[] code, int nr, int arch, long... args) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(8, 0x7f0000001000L);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        ByteBuffer program = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        int a = 0;
        int pc = 0;
        for (int steps = 0; steps < 4096; steps++) {
            int code16 = program.getShort(pc * 8) & 0xffff;
            int jt = program.get(pc * 8 + 2) & 0xff;
            int jf = program.get(pc * 8 + 3) & 0xff;
            int k = program.getInt(pc * 8 + 4);
            switch (code16) {
                case 0x20 -> { // ld [k]: aligned, inside seccomp_data
                    if (k % 4 != 0 || k < 0 || k > 60) {
                        throw new AssertionError("the kernel rejects a load at " + k);
                    }
                    a = data.getInt(k);
                    pc++;
                }
                case 0x54 -> { a &= k; pc++; }
                case 0x05 -> pc += 1 + k;
                case 0x15 -> pc += 1 + (a == k ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(a, k) >= 0 ? jt : jf);
                case 0x45 -> pc += 1 + ((a & k) != 0 ? jt : jf);
                case 0x06 -> {
                    return new Outcome(k, steps + 1);
                }
                default -> throw new AssertionError("an instruction seccomp does not allow: 0x"
                        + Integer.toHexString(code16));
            }
        }
        throw new AssertionError("the program does not end");
    }

    private static int call(SeccompPlan plan, boolean notify, Architecture arch, Syscall call, long... args) {
        return run(SeccompFilter.build(arch, plan, notify).bytes(), call.number(arch), arch.auditArch(), args);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void terminalInjectionIsRefusedHoweverTheRequestIsWidened(Architecture arch) {
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.IOCTL, 0, 0x5412));
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.IOCTL, 0, 0xffffffff00005412L));
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.IOCTL, 0, 0x541C));
        assertEquals(ALLOW, call(DEFAULT, false, arch, Syscall.IOCTL, 0, 0x5401)); // TCGETS
        assertEquals(ALLOW, call(DEFAULT, false, arch, Syscall.IOCTL, 0, 0x5414)); // TIOCSWINSZ
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void theLineDisciplineAndTheForegroundAreGuarded(Architecture arch) {
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.IOCTL, 0, 0x5423)); // TIOCSETD
        assertEquals(ALLOW, call(DEFAULT, false, arch, Syscall.IOCTL, 0, 0x5410)); // TIOCSPGRP: job control
        SeccompPlan foreground = SeccompPlan.of(true, Set.of(SeccompRule.FOREGROUND));
        assertEquals(EPERM, call(foreground, false, arch, Syscall.IOCTL, 0, 0x5410));
        assertEquals(EPERM, call(foreground, false, arch, Syscall.IOCTL, 0, 0x5412));
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.IOCTL, 3, 0x40086602)); // FS_IOC_SETFLAGS
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.FILE_SETATTR, -100, 0, 0, 0, 0));
        assertEquals(ALLOW, call(DEFAULT, false, arch, Syscall.IOCTL, 3, 0x40086602));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void noProgramMayInstallAListenerOfItsOwn(Architecture arch) {
        assertEquals(EPERM, call(DEFAULT, true, arch, Syscall.SECCOMP, 1, 8, 0));
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.SECCOMP, 1, 8 | 1, 0));
        assertEquals(ALLOW, call(DEFAULT, true, arch, Syscall.SECCOMP, 1, 0, 0)); // a filter without a listener
        assertEquals(ALLOW, call(DEFAULT, true, arch, Syscall.SECCOMP, 3, 0, 0)); // SECCOMP_GET_NOTIF_SIZES
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyHardeningRuleAlsoClosesIoUringAndMultipathFollowsConnect(Architecture arch) {
        for (SeccompRule rule : List.of(SeccompRule.MEMFD_EXEC, SeccompRule.FILE_METADATA, SeccompRule.UDP,
                SeccompRule.LISTEN, SeccompRule.MPTCP)) {
            assertEquals(EPERM, call(SeccompPlan.of(false, Set.of(rule)), false, arch, Syscall.IO_URING_SETUP, 8, 0),
                    rule.id());
        }
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.SOCKET, 2, 1, 262));
        assertEquals(ALLOW, call(NETWORK_OPEN, false, arch, Syscall.SOCKET, 2, 1, 262));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void setsidIsRefusedOrSentToTheListener(Architecture arch) {
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.SETSID));
        assertEquals(NOTIFY, call(DEFAULT, true, arch, Syscall.SETSID));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void fastOpenIsRefusedOnlyWhereConnectIsRestricted(Architecture arch) {
        long fastOpen = 0x20000000L | 0x4000; // with MSG_NOSIGNAL
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.SENDTO, 3, 0, 1, fastOpen));
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.SENDMSG, 3, 0, fastOpen));
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.SENDMMSG, 3, 0, 1, fastOpen));
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.SETSOCKOPT, 3, 6, 30));
        assertEquals(EPERM, call(DEFAULT, false, arch, Syscall.IO_URING_SETUP, 8, 0));
        assertEquals(ALLOW, call(DEFAULT, false, arch, Syscall.SENDTO, 3, 0, 1, 0x4000));
        assertEquals(ALLOW, call(DEFAULT, false, arch, Syscall.SENDMSG, 3, 0, 0));
        assertEquals(ALLOW, call(DEFAULT, false, arch, Syscall.SETSOCKOPT, 3, 6, 1)); // TCP_NODELAY
        assertEquals(ALLOW, call(DEFAULT, false, arch, Syscall.SETSOCKOPT, 3, 1, 30)); // SOL_SOCKET, 30
        assertEquals(ALLOW, call(NETWORK_OPEN, false, arch, Syscall.SENDTO, 3, 0, 1, fastOpen));
        assertEquals(ALLOW, call(NETWORK_OPEN, false, arch, Syscall.IO_URING_SETUP, 8, 0));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void hardeningRefusesWhatItNamesAndNothingElse(Architecture arch) {
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.MEMFD_CREATE, 0, 0));
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.FCHMODAT, -100, 0, 0644));
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.UTIMENSAT, -100, 0, 0, 0));
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.SETXATTR, 0, 0, 0, 0));
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.LISTEN, 3, 1));
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.SOCKET, 2, 2 | 0x80000, 0)); // UDP, CLOEXEC
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.SOCKET, 10, 2, 17));
        assertEquals(EPERM, call(HARDENED, false, arch, Syscall.SOCKET, 2, 1, 262));
        assertEquals(ALLOW, call(HARDENED, false, arch, Syscall.SOCKET, 2, 1, 0)); // TCP
        assertEquals(ALLOW, call(HARDENED, false, arch, Syscall.SOCKET, 1, 2, 0)); // AF_UNIX datagram
        for (Syscall call : List.of(Syscall.MEMFD_CREATE, Syscall.FCHMODAT, Syscall.LISTEN, Syscall.SOCKET)) {
            assertEquals(ALLOW, call(DEFAULT, false, arch, call, 2, 2, 0), call + " without hardening");
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void callsTheFilterDoesNotLookAtAreAllowed(Architecture arch) {
        for (SeccompPlan plan : List.of(DEFAULT, NETWORK_OPEN, HARDENED)) {
            byte[] code = SeccompFilter.build(arch, plan, true).bytes();
            for (int nr = 0; nr < 1024; nr++) {
                int number = nr;
                boolean watched = plan.rules().stream().flatMap(rule -> rule.syscalls().stream())
                        .anyMatch(c -> c.number(arch) == number) || number == Syscall.IO_URING_SETUP.number(arch);
                if (!watched) {
                    assertEquals(ALLOW, run(code, nr, arch.auditArch(), 0, 0, 0, 0), "call " + nr + ", " + plan);
                }
            }
        }
    }

    /**
     * The filter finds a call's number by a binary search, not by comparing it with every number it watches in turn:
     * the kernel runs it for every call a program makes that it has not proven allowed, and for every call number
     * when it is installed, on each launch. Even the most hardened filter, watching about thirty calls, decides any
     * call number in a few comparisons (a chain of comparisons took one more for each watched call).
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyCallNumberIsFoundInAFewComparisons(Architecture arch) {
        for (SeccompPlan plan : List.of(DEFAULT, HARDENED)) {
            SeccompFilter filter = SeccompFilter.build(arch, plan, true, Set.of(Syscall.OPENAT, Syscall.EXECVE));
            Set<Integer> numbers = new HashSet<>();
            plan.rules().forEach(rule -> rule.syscalls().forEach(c -> numbers.add(c.number(arch))));
            filter.notified().forEach(c -> numbers.add(c.number(arch)));
            numbers.add(Syscall.IO_URING_SETUP.number(arch));
            numbers.remove(-1);
            int watched = numbers.size();
            int bound = 3 + 32 - Integer.numberOfLeadingZeros(watched) + 3 + 1; // header, splits, a leaf, return
            for (int nr = 0; nr < 1024; nr++) {
                int number = nr;
                boolean hasBody = plan.rules().stream().flatMap(rule -> rule.syscalls().stream())
                        .anyMatch(c -> c.number(arch) == number);
                if (!hasBody) {
                    int steps = execute(filter.bytes(), nr, arch.auditArch(), 0, 0, 0, 0).steps();
                    assertTrue(steps <= bound, "call " + nr + " took " + steps + " instructions of " + watched
                            + " watched calls (at most " + bound + ")");
                }
            }
        }
    }

    @Test
    void callsFromAnotherArchitectureOrX32FailWithEnosys() {
        byte[] x86 = SeccompFilter.build(Architecture.X86_64, DEFAULT, false).bytes();
        assertEquals(ENOSYS, run(x86, 54, AUDIT_ARCH_I386, 0, 0x5412)); // i386 ioctl
        assertEquals(ENOSYS, run(x86, 66, AUDIT_ARCH_I386)); // i386 setsid
        assertEquals(ENOSYS, run(x86, 0x40000000 | 514, Architecture.X86_64.auditArch(), 0, 0x5412)); // x32 ioctl
        byte[] arm = SeccompFilter.build(Architecture.AARCH64, DEFAULT, false).bytes();
        assertEquals(ENOSYS, run(arm, 54, AUDIT_ARCH_ARM, 0, 0x5412));
        assertEquals(ALLOW, run(arm, 0x40000000 | 63, Architecture.AARCH64.auditArch())); // no x32 on aarch64
    }

    @Test
    void theSyscallNumbersAreTheKernelTables() {
        // x86_64: arch/x86/entry/syscalls/syscall_64.tbl; aarch64: include/uapi/asm-generic/unistd.h
        assertEquals(List.of(16, 112, 44, 46, 307, 54, 41, 50, 425, 319, 317),
                List.of(Syscall.IOCTL, Syscall.SETSID, Syscall.SENDTO, Syscall.SENDMSG, Syscall.SENDMMSG,
                        Syscall.SETSOCKOPT, Syscall.SOCKET, Syscall.LISTEN, Syscall.IO_URING_SETUP,
                        Syscall.MEMFD_CREATE, Syscall.SECCOMP).stream().map(c -> c.number(Architecture.X86_64))
                        .toList());
        assertEquals(List.of(29, 157, 206, 211, 269, 208, 198, 201, 425, 279, 277),
                List.of(Syscall.IOCTL, Syscall.SETSID, Syscall.SENDTO, Syscall.SENDMSG, Syscall.SENDMMSG,
                        Syscall.SETSOCKOPT, Syscall.SOCKET, Syscall.LISTEN, Syscall.IO_URING_SETUP,
                        Syscall.MEMFD_CREATE, Syscall.SECCOMP).stream().map(c -> c.number(Architecture.AARCH64))
                        .toList());
        assertEquals(0xC000003E, Architecture.X86_64.auditArch());
        assertEquals(0xC00000B7, Architecture.AARCH64.auditArch());
    }

    @Test
    void anUnknownArchitectureIsNotGuessed() {
        assertEquals(Optional.of(Architecture.X86_64), Architecture.of("amd64"));
        assertEquals(Optional.of(Architecture.AARCH64), Architecture.of("aarch64"));
        assertEquals(Optional.empty(), Architecture.of("riscv64"));
        assertEquals(Optional.empty(), Architecture.of("ppc64le"));
    }

    @Test
    void alwaysOnRulesCannotBeAskedForAsHardening() {
        assertThrows(IllegalArgumentException.class, () -> SeccompPlan.of(true, Set.of(SeccompRule.SESSION_ESCAPE)));
        assertEquals(Optional.empty(), SeccompRule.hardening("terminal"));
        assertEquals(List.of("memfd-exec", "metadata", "udp", "mptcp", "listen", "foreground"),
                SeccompRule.hardeningIds());
    }
}
