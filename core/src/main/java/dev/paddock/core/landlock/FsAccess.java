package dev.paddock.core.landlock;

import java.util.EnumSet;
import java.util.Set;

/** The filesystem access rights of Landlock (LANDLOCK_ACCESS_FS_*). */
public enum FsAccess implements AccessRight {
    EXECUTE(0, 1, true, "Execute a file as a program.", "executing files"),
    WRITE_FILE(1, 1, true, "Open a file for writing.", "writing to files"),
    READ_FILE(2, 1, true, "Open a file for reading.", "reading files"),
    READ_DIR(3, 1, false, "Open a directory and list its entries.", "listing directories"),
    REMOVE_DIR(4, 1, false, "Remove an empty directory or rename one away.", "removing directories"),
    REMOVE_FILE(5, 1, false, "Unlink or rename away a file that is not a directory.", "removing files"),
    MAKE_CHAR(6, 1, false, "Create (or rename or link into place) a character device.", "creating character devices"),
    MAKE_DIR(7, 1, false, "Create (or rename into place) a directory.", "creating directories"),
    MAKE_REG(8, 1, false, "Create (or rename or link into place) a regular file.", "creating regular files"),
    MAKE_SOCK(9, 1, false, "Create (or rename or link into place) a UNIX domain socket.", "creating UNIX sockets"),
    MAKE_FIFO(10, 1, false, "Create (or rename or link into place) a named pipe.", "creating named pipes"),
    MAKE_BLOCK(11, 1, false, "Create (or rename or link into place) a block device.", "creating block devices"),
    MAKE_SYM(12, 1, false, "Create (or rename or link into place) a symbolic link.", "creating symbolic links"),
    REFER(13, 2, false, "Link or rename a file from or to a different directory; without it, ABI 1 always denies that.",
            "moving and linking files between directories"),
    TRUNCATE(14, 3, true, "Truncate a file with truncate, ftruncate, creat or open with O_TRUNC.", "truncating files"),
    IOCTL_DEV(15, 5, true, "Use ioctl on character or block devices opened after the sandbox started.",
            "ioctl on devices"),
    RESOLVE_UNIX(16, 9, true, "Connect or send to a pathname UNIX socket created outside the sandbox.",
            "connecting to pathname UNIX sockets");

    private final boolean validOnFile;

    private final RightFacts facts;

    FsAccess(int bitIndex, int abi, boolean validOnFile, String explanation, String activity) {
        this.facts = new RightFacts(bitIndex, abi, explanation, activity);
        this.validOnFile = validOnFile;
    }

    /** Whether the kernel accepts this right in a rule whose path is a regular file rather than a directory. */
    public boolean validOnFile() {
        return validOnFile;
    }

    @Override
    public RightFacts facts() {
        return facts;
    }

    /** The rights that are valid on a regular file. */
    public static Set<FsAccess> fileRights() {
        EnumSet<FsAccess> result = EnumSet.noneOf(FsAccess.class);
        for (FsAccess right : values()) {
            if (right.validOnFile) {
                result.add(right);
            }
        }
        return result;
    }

    /** The right with this id (lower snake case, as in {@link #id()}), or null. */
    public static FsAccess byId(String id) {
        return AccessRight.byId(FsAccess.class, id);
    }

    public static Set<FsAccess> fromMask(long mask) {
        return AccessRight.fromMask(FsAccess.class, mask);
    }
}
