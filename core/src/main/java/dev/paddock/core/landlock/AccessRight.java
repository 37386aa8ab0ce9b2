package dev.paddock.core.landlock;

/**
 * One Landlock access right, scope or flag: the bit the kernel knows it by, the ABI that brought it, and the words
 * Paddock teaches it with.
 */
public sealed interface AccessRight permits FsAccess, NetAccess, Scope, AuditFlag {

    /** The single bit of this right in its kernel mask. */
    long bit();

    /** The first Landlock ABI that knows this right. */
    int abi();

    /** The name in lower snake case, as landlockconfig and the kernel documentation spell it. */
    String id();

    /** One sentence that explains what the right allows or does. */
    String explanation();

    /** What goes unrestricted when the kernel cannot handle this right, as a noun phrase ("truncating files"). */
    String activity();

    /** The kernel's C name, for example LANDLOCK_ACCESS_FS_READ_FILE. */
    String kernelName();

    /** The release of mainline Linux that brought this right. */
    default String kernel() {
        return Abi.kernelFor(abi());
    }

    /** Combines rights into their kernel mask. */
    static long maskOf(Iterable<? extends AccessRight> rights) {
        long mask = 0;
        for (AccessRight right : rights) {
            mask |= right.bit();
        }
        return mask;
    }
}
