package dev.paddock.core.seccomp;

import dev.paddock.core.SandboxException;

import java.util.Locale;
import java.util.Optional;

/**
 * The processor architectures whose system-call numbers Paddock knows. On any other, Paddock refuses to launch
 * rather than run a child without its seccomp layer.
 */
public enum Architecture {
    X86_64(0xC000003E, true),
    AARCH64(0xC00000B7, false);

    private final int auditArch;
    private final boolean hasX32;

    Architecture(int auditArch, boolean hasX32) {
        this.auditArch = auditArch;
        this.hasX32 = hasX32;
    }

    /** AUDIT_ARCH_* as seccomp_data.arch reports it for this architecture's native calls. */
    public int auditArch() {
        return auditArch;
    }

    /**
     * Whether the same arch value also carries x32 calls (numbers with bit 30 set), which a filter must refuse so
     * that the x32 numbers of ioctl or setsid do not slip past the native checks.
     */
    public boolean hasX32() {
        return hasX32;
    }

    /** The architecture this JVM runs on, if Paddock knows it. */
    public static Optional<Architecture> current() {
        return of(System.getProperty("os.arch", ""));
    }

    /** The architecture this JVM runs on; refuses to go on without the seccomp layer on an unknown one. */
    public static Architecture require() throws SandboxException {
        return current().orElseThrow(() -> new SandboxException(SandboxException.Reason.SPAWN_FAILED,
                "Paddock's seccomp layer does not know the system calls of this processor (" + System.getProperty(
                        "os.arch") + "), so it refuses to start a sandbox without it; x86_64 and aarch64 are supported"));
    }

    static Optional<Architecture> of(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }
}
