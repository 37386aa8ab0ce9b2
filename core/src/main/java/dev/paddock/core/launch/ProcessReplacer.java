package dev.paddock.core.launch;

import com.sun.jna.Memory;
import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.Landlock;
import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.seccomp.Architecture;
import dev.paddock.core.seccomp.SeccompFilter;
import dev.paddock.core.seccomp.SeccompInstaller;
import dev.paddock.core.sys.CStrings;
import dev.paddock.core.sys.FileConstants;
import dev.paddock.core.sys.ProcessConstants;
import dev.paddock.core.sys.Errno;
import dev.paddock.core.sys.LibC;

import java.util.List;

/**
 * What landrun does and the CLI's {@code run} needs: confine the calling thread and execve, so the JVM is replaced,
 * the PID, signals and exit code pass straight through, and no JVM waits in memory. Only for a process that has
 * nothing else to do: if execve fails, the calling thread stays confined and the caller should exit.
 *
 * <p>The program stays in the caller's session and process group, so job control and terminal resizing work as
 * with any command; the seccomp filter fails setsid() and the terminal-injection ioctls.
 */
public final class ProcessReplacer {

    private ProcessReplacer() {
    }

    /**
     * Replaces this process with the program; returns only on failure, with the reason.
     *
     * @param compiled   the policy compiled for this kernel
     * @param executable the program's absolute path
     * @param argv       its arguments, the first being its name
     * @param envp       its environment, as NAME=value strings
     * @param directory  the working directory, or null to keep the current one
     * @return why the program could not replace this process
     */
    public static SandboxException replace(CompiledPolicy compiled, String executable, List<String> argv,
                                           List<String> envp, String directory) {
        return replaceOrRehearse(compiled, executable, argv, envp, directory, true);
    }

    /**
     * Does everything {@link #replace} does before its point of no return, then stops: the checks, the C strings,
     * and the ruleset built in the kernel (so every path in it opens), which is closed again. Neither confines nor
     * changes directory.
     *
     * @param compiled   the policy compiled for this kernel
     * @param executable the program's absolute path
     * @param argv       its arguments, the first being its name
     * @param envp       its environment, as NAME=value strings
     * @param directory  the working directory, or null to keep the current one
     * @return null when the launch would get that far, or the reason it would not
     */
    public static SandboxException rehearse(CompiledPolicy compiled, String executable, List<String> argv,
                                            List<String> envp, String directory) {
        return replaceOrRehearse(compiled, executable, argv, envp, directory, false);
    }

    private static SandboxException replaceOrRehearse(CompiledPolicy compiled, String executable, List<String> argv,
                                                      List<String> envp, String directory, boolean forReal) {
        if (isVirtual(Thread.currentThread())) {
            return new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                    "refusing to confine a virtual thread: its carrier thread would stay confined");
        }
        LibC.load();
        preloadFailurePath();
        try (CStrings path = CStrings.of(executable);
             CStrings args = CStrings.array(argv);
             CStrings env = CStrings.array(envp);
             Memory emptySet = new Memory(ProcessConstants.SIZEOF_SIGSET)) {
            SeccompInstaller seccomp = SeccompInstaller.of(
                    SeccompFilter.build(Architecture.require(), compiled.seccomp(), false));
            if (!forReal) {
                if (compiled.plan().restrictsAnything()) {
                    LibC.close(Landlock.makeRuleset(compiled.plan()));
                }
                return null;
            }
            if (directory != null && LibC.chdir(directory) != 0) {
                return new SandboxException(SandboxException.Reason.MISSING_PATH,
                        "cannot change to the working directory " + directory + ": " + LibC.describe(LibC.errno()));
            }
            if (compiled.plan().restrictsAnything()) {
                int ruleset = Landlock.makeRuleset(compiled.plan());
                int error = Landlock.confineCallingThread(ruleset, compiled.plan().restrictFlags());
                LibC.close(ruleset);
                if (error != 0) {
                    return LaunchFailure.confine(error);
                }
            }
            int installed = seccomp.install();
            if (installed < 0) {
                return LaunchFailure.seccomp(-installed);
            }
            // Every fd the JVM holds above stderr would be an escape hatch: close them all at exec.
            if (LibC.close_range(3, -1, FileConstants.CLOSE_RANGE_CLOEXEC) != 0) {
                return new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                        "cannot mark inherited file descriptors close-on-exec (close_range needs Linux 5.11): "
                                + LibC.describe(LibC.errno()));
            }
            LibC.sigemptyset(emptySet);
            LibC.pthread_sigmask(ProcessConstants.SIG_SETMASK, emptySet, null);
            LibC.execve(executable, args.pointer(), env.pointer());
            return LaunchFailure.exec(executable, LibC.errno(), null); // the chdir above succeeded
        } catch (SandboxException e) {
            return e;
        }
    }

    /** Thread.isVirtual(), which exists from Java 21 on (Paddock is built for 17), or null before. */
    private static final java.lang.reflect.Method IS_VIRTUAL = isVirtualMethod();

    private static java.lang.reflect.Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static boolean isVirtual(Thread thread) {
        try {
            return IS_VIRTUAL != null && (Boolean) IS_VIRTUAL.invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Once this thread is confined it may not be allowed to open the files its classes live in, so everything the
     * failure path needs is loaded now.
     */
    private static void preloadFailurePath() {
        LaunchFailure.exec("/", Errno.EACCES, null).getMessage();
        LaunchFailure.exec("/", Errno.ENOENT, null).getMessage();
        LaunchFailure.confine(Errno.E2BIG).getMessage();
        LaunchFailure.exec("/", Errno.EPERM, null).getMessage();
    }
}
