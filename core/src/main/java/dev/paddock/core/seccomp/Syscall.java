package dev.paddock.core.seccomp;

/**
 * The system calls Paddock's seccomp filter looks at, with their numbers on each supported architecture (-1 where
 * the architecture has no such call: aarch64 only has the *at forms). Numbers from the kernel's syscall tables.
 */
public enum Syscall {
    IOCTL(16, 29),
    SETSID(112, 157),
    SENDTO(44, 206),
    SENDMSG(46, 211),
    SENDMMSG(307, 269),
    SETSOCKOPT(54, 208),
    SOCKET(41, 198),
    LISTEN(50, 201),
    IO_URING_SETUP(425, 425),
    MEMFD_CREATE(319, 279),
    CHMOD(90, -1),
    FCHMOD(91, 52),
    FCHMODAT(268, 53),
    FCHMODAT2(452, 452),
    CHOWN(92, -1),
    FCHOWN(93, 55),
    LCHOWN(94, -1),
    FCHOWNAT(260, 54),
    UTIME(132, -1),
    UTIMES(235, -1),
    FUTIMESAT(261, -1),
    UTIMENSAT(280, 88),
    SETXATTR(188, 5),
    LSETXATTR(189, 6),
    FSETXATTR(190, 7),
    REMOVEXATTR(197, 14),
    LREMOVEXATTR(198, 15),
    FREMOVEXATTR(199, 16),
    SETXATTRAT(463, 463),
    REMOVEXATTRAT(466, 466),
    FILE_SETATTR(469, 469),
    SECCOMP(317, 277),
    PIDFD_OPEN(434, 434),
    PIDFD_SEND_SIGNAL(424, 424),
    PIDFD_GETFD(438, 438),
    GETTID(186, 178),
    // The calls an access trace watches (trace.TracedCalls): files, programs and sockets.
    OPEN(2, -1),
    CREAT(85, -1),
    OPENAT(257, 56),
    OPENAT2(437, 437),
    EXECVE(59, 221),
    EXECVEAT(322, 281),
    MKDIR(83, -1),
    MKDIRAT(258, 34),
    MKNOD(133, -1),
    MKNODAT(259, 33),
    UNLINK(87, -1),
    UNLINKAT(263, 35),
    RMDIR(84, -1),
    RENAME(82, -1),
    RENAMEAT(264, 38),
    RENAMEAT2(316, 276),
    LINK(86, -1),
    LINKAT(265, 37),
    SYMLINK(88, -1),
    SYMLINKAT(266, 36),
    TRUNCATE(76, 45),
    FTRUNCATE(77, 46),
    CONNECT(42, 203),
    BIND(49, 200);

    private final int x8664;
    private final int aarch64;

    Syscall(int x8664, int aarch64) {
        this.x8664 = x8664;
        this.aarch64 = aarch64;
    }

    /** This call's number on the architecture, or -1 if the architecture does not have it. */
    public int number(Architecture architecture) {
        return architecture == Architecture.X86_64 ? x8664 : aarch64;
    }

    /** The call with this number on the architecture, if Paddock knows it. */
    public static Syscall byNumber(Architecture architecture, int number) {
        for (Syscall call : values()) {
            if (call.number(architecture) == number) {
                return call;
            }
        }
        return null;
    }

    /** The name as in C and strace. */
    public String cName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
