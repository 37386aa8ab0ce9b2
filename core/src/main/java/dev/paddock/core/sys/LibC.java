package dev.paddock.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct JNA mapping of the glibc calls Paddock needs, registered on "libc.so.6" by its soname (see
 * {@link NativeStartup} for what JNA does at start otherwise). Errors are read with {@link Native#getLastError()}; nothing here is
 * declared to throw LastErrorException, whose errno handling is wrong for calls that return the error number.
 */
public final class LibC {
    static {
        Native.register(LibC.class, NativeLibrary.getInstance("libc.so.6"));
    }

    private LibC() {
    }

    /** Forces registration, so that later calls (possibly on a confined thread) load no class. */
    public static void load() {
        // the static initializer does the work
    }

    public static native long syscall(long number, long a1, long a2, long a3, long a4);

    public static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    public static native int open(String path, int flags);

    public static native int open(String path, int flags, int mode);

    public static native int close(int fd);

    public static native int openat(int dirfd, String path, int flags, int mode);

    /** openat(2) with the path already NUL-terminated (see {@link CStrings#encode}): no String to convert. */
    public static native int openat(int dirfd, byte[] path, int flags, int mode);

    public static native long readlink(String path, byte[] buffer, long size);

    public static native long readlinkat(int dirfd, String path, byte[] buffer, long size);

    /** readlink(2) with the path already NUL-terminated (see {@link CStrings#encode}): no String to convert. */
    public static native long readlink(byte[] path, byte[] buffer, long size);

    /** Reads another process's memory: {@code local} and {@code remote} are arrays of struct iovec. */
    public static native long process_vm_readv(int pid, Pointer local, long localCount, Pointer remote,
                                               long remoteCount, long flags);

    public static native int getsockopt(int fd, int level, int option, int[] value, int[] length);

    /** glibc's statx(2) wrapper; {@code buffer} receives a struct statx ({@link FileConstants#SIZEOF_STATX} bytes). */
    public static native int statx(int dirfd, String path, int flags, int mask, byte[] buffer);

    /** statx(2) with the path already NUL-terminated (see {@link CStrings#encode}): no String to convert. */
    public static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] buffer);

    public static native int pipe2(int[] fds, int flags);

    public static native long read(int fd, byte[] buffer, long count);

    public static native long read(int fd, Pointer buffer, long count);

    public static native long write(int fd, byte[] buffer, long count);

    public static native int kill(int pid, int signal);

    public static native int waitpid(int pid, int[] status, int options);

    public static native int chdir(String path);

    public static native int execve(String path, Pointer argv, Pointer envp);

    public static native int close_range(int first, int last, int flags);

    public static native int ioctl(int fd, long request, Pointer argument);

    public static native int fcntl(int fd, int command, long argument);

    public static native int posix_openpt(int flags);

    public static native int grantpt(int fd);

    public static native int unlockpt(int fd);

    public static native int ptsname_r(int fd, byte[] buffer, long length);

    public static native int sigemptyset(Pointer set);

    public static native int sigfillset(Pointer set);

    public static native int pthread_sigmask(int how, Pointer set, Pointer oldSet);

    /** {@code struct sigaction} (glibc: handler, sa_mask, sa_flags, sa_restorer) fits in ProcessConstants.SIZEOF_SIGACTION. */
    public static native int sigaction(int signal, Pointer action, Pointer oldAction);

    public static native int posix_spawn(Pointer pid, Pointer path, Pointer fileActions, Pointer attributes,
                                         Pointer argv, Pointer envp);

    public static native int posix_spawn_file_actions_init(Pointer fileActions);

    public static native int posix_spawn_file_actions_destroy(Pointer fileActions);

    public static native int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    public static native int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags,
                                                              int mode);

    public static native int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    public static native int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    public static native int posix_spawnattr_init(Pointer attributes);

    public static native int posix_spawnattr_destroy(Pointer attributes);

    public static native int posix_spawnattr_setflags(Pointer attributes, short flags);

    public static native int posix_spawnattr_setsigmask(Pointer attributes, Pointer set);

    public static native int posix_spawnattr_setsigdefault(Pointer attributes, Pointer set);

    public static native int posix_spawnattr_setpgroup(Pointer attributes, int pgroup);

    public static native Pointer strerror(int errno);

    public static native int poll(Pointer fds, long count, int timeoutMillis);

    public static native int isatty(int fd);

    public static native int getpgrp();

    public static native int waitid(int idType, int id, Pointer info, int options);

    public static native int socket(int domain, int type, int protocol);

    public static native int bind(int fd, Pointer address, int length);

    public static native long recv(int fd, Pointer buffer, long length, int flags);

    public static native long send(int fd, Pointer buffer, long length, int flags);

    /** The calling thread's errno after the last native call through JNA. */
    public static int errno() {
        return Native.getLastError();
    }

    /** A short description of an error number, as strerror(3) gives it, in lower case. */
    public static String describe(int errno) {
        String text = strerror(errno).getString(0);
        return text.isEmpty() ? "error " + errno : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
