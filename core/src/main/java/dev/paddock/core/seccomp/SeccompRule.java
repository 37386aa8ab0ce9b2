package dev.paddock.core.seccomp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What Paddock's seccomp layer refuses, one concept each. The first three close channels Landlock does not watch and
 * are always on (Fast Open only where TCP connect is restricted); the others are opt-in hardening, because each
 * breaks some ordinary programs.
 */
public enum SeccompRule {
    TERMINAL_INJECTION("terminal", false,
            "ioctl(TIOCSTI), ioctl(TIOCLINUX) and ioctl(TIOCSETD) fail with EPERM",
            "a program cannot push keystrokes into the terminal it was started from, which the shell would run "
                    + "unconfined after it exits, nor change that terminal's line discipline",
            List.of(Syscall.IOCTL)),
    SESSION_ESCAPE("session", false,
            "setsid() fails, and so does installing a seccomp filter with a listener of its own",
            "every process the run starts stays in the run's session, so Stop ends all of them, however they "
                    + "detach (a listener of its own would let a program answer its own setsid)",
            List.of(Syscall.SETSID, Syscall.SECCOMP)),
    FAST_OPEN("fast-open", false,
            "where TCP connect is restricted, sendto, sendmsg and sendmmsg with MSG_FASTOPEN, "
                    + "setsockopt(TCP_FASTOPEN_CONNECT) and io_uring_setup fail with EPERM",
            "TCP Fast Open cannot reach a port that no connect rule allows (Landlock checks connect() only)",
            List.of(Syscall.SENDTO, Syscall.SENDMSG, Syscall.SENDMMSG, Syscall.SETSOCKOPT, Syscall.IO_URING_SETUP)),
    MEMFD_EXEC("memfd-exec", true,
            "memfd_create and io_uring_setup fail with EPERM",
            "a program cannot execute code it wrote into a memory file without the execute right (anonymous "
                    + "executable memory and ld.so still run code); breaks programs that use memfd_create (some JITs, "
                    + "Wayland clients, systemd tools)",
            List.of(Syscall.MEMFD_CREATE, Syscall.IO_URING_SETUP)),
    FILE_METADATA("metadata", true,
            "chmod, chown, utime, setxattr, file_setattr and their variants, the inode-flag ioctls and io_uring_setup "
                    + "fail with EPERM",
            "a program cannot change the mode, owner, times, attributes or extended attributes of any file, which "
                    + "Landlock allows on every path; breaks cp -p, tar and installers",
            List.of(Syscall.CHMOD, Syscall.FCHMOD, Syscall.FCHMODAT, Syscall.FCHMODAT2, Syscall.CHOWN, Syscall.FCHOWN,
                    Syscall.LCHOWN, Syscall.FCHOWNAT, Syscall.UTIME, Syscall.UTIMES, Syscall.FUTIMESAT,
                    Syscall.UTIMENSAT, Syscall.SETXATTR, Syscall.LSETXATTR, Syscall.FSETXATTR, Syscall.REMOVEXATTR,
                    Syscall.LREMOVEXATTR, Syscall.FREMOVEXATTR, Syscall.SETXATTRAT, Syscall.REMOVEXATTRAT,
                    Syscall.FILE_SETATTR, Syscall.IOCTL, Syscall.IO_URING_SETUP)),
    UDP("udp", true,
            "socket(AF_INET or AF_INET6, SOCK_DGRAM) and io_uring_setup fail with EPERM",
            "a program cannot send or receive UDP, which the TCP rules do not cover; breaks DNS "
                    + "lookups and QUIC",
            List.of(Syscall.SOCKET, Syscall.IO_URING_SETUP)),
    MPTCP("mptcp", true,
            "socket(AF_INET or AF_INET6, SOCK_STREAM, IPPROTO_MPTCP) fails with EPERM",
            "a program cannot open Multipath TCP sockets, which the TCP rules do not cover; it is on wherever TCP connect "
                    + "is restricted (programs that ask for MPTCP usually fall back to TCP)",
            List.of(Syscall.SOCKET, Syscall.IO_URING_SETUP)),
    LISTEN("listen", true,
            "listen() and io_uring_setup fail with EPERM",
            "a program cannot serve on a port the kernel picks for it, which listen() on an unbound socket does "
                    + "even when binding is denied; breaks every server",
            List.of(Syscall.LISTEN, Syscall.IO_URING_SETUP)),
    FOREGROUND("foreground", true,
            "ioctl(TIOCSPGRP) fails with EPERM",
            "a program that shares your terminal cannot make itself the terminal's foreground, which a process "
                    + "left behind could do to read what you type next; breaks job control of a shell in the sandbox",
            List.of(Syscall.IOCTL));

    private final String id;
    private final boolean optIn;
    private final String refuses;
    private final String effect;
    private final List<Syscall> syscalls;

    SeccompRule(String id, boolean optIn, String refuses, String effect, List<Syscall> syscalls) {
        this.id = id;
        this.optIn = optIn;
        this.refuses = refuses;
        this.effect = effect;
        this.syscalls = syscalls;
    }

    /** The name in profiles ("hardening") and on the command line (--harden). */
    public String id() {
        return id;
    }

    /** Whether a profile must ask for it; the others are always on where they apply. */
    public boolean optIn() {
        return optIn;
    }

    /** What the filter refuses, as a clause: "setsid() fails". */
    public String refuses() {
        return refuses;
    }

    /** What that achieves, and what it may break. */
    public String effect() {
        return effect;
    }

    /** The calls the filter inspects for this rule. */
    public List<Syscall> syscalls() {
        return syscalls;
    }

    /** "refuses: effect", for reports. */
    public String describe() {
        return refuses + ": " + effect;
    }

    /** The opt-in rule with this id, if there is one. */
    public static Optional<SeccompRule> hardening(String id) {
        return Arrays.stream(values()).filter(r -> r.optIn && r.id.equals(id)).findFirst();
    }

    /** The ids of the opt-in rules, for messages and help. */
    public static List<String> hardeningIds() {
        return Arrays.stream(values()).filter(SeccompRule::optIn).map(SeccompRule::id).toList();
    }
}
