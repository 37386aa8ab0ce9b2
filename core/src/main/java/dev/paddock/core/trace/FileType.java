package dev.paddock.core.trace;

import dev.paddock.core.landlock.FsAccess;

/** What a path is, as far as Landlock cares: it decides which MAKE_* and REMOVE_* rights a call needs. */
public enum FileType {
    REGULAR(FsAccess.MAKE_REG),
    DIRECTORY(FsAccess.MAKE_DIR),
    SYMLINK(FsAccess.MAKE_SYM),
    CHAR_DEVICE(FsAccess.MAKE_CHAR),
    BLOCK_DEVICE(FsAccess.MAKE_BLOCK),
    FIFO(FsAccess.MAKE_FIFO),
    SOCKET(FsAccess.MAKE_SOCK),
    /** nothing is there */
    MISSING(null),
    /** not a file of any filesystem Landlock restricts: a pipe, a socket, an anonymous inode */
    PRIVATE(null);

    private final FsAccess makeRight;

    FileType(FsAccess makeRight) {
        this.makeRight = makeRight;
    }

    /** The right that creating (or moving or linking in) such an entry needs. */
    public FsAccess makeRight() {
        return makeRight;
    }

    /** The right that removing (or moving away) such an entry needs. */
    public FsAccess removeRight() {
        return this == DIRECTORY ? FsAccess.REMOVE_DIR : FsAccess.REMOVE_FILE;
    }

    public boolean exists() {
        return this != MISSING;
    }

    /** The type in a stat mode (S_IFMT bits); a mode of 0 is a regular file, as mknod takes it. */
    public static FileType ofMode(int mode) {
        return switch (mode & 0170000) {
            case 0040000 -> DIRECTORY;
            case 0120000 -> SYMLINK;
            case 0020000 -> CHAR_DEVICE;
            case 0060000 -> BLOCK_DEVICE;
            case 0010000 -> FIFO;
            case 0140000 -> SOCKET;
            default -> REGULAR;
        };
    }
}
