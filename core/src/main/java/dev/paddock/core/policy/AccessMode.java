package dev.paddock.core.policy;

import dev.paddock.core.landlock.FsAccess;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static dev.paddock.core.landlock.FsAccess.*;

/** landrun's four path modes, mapped to rights exactly as landrun 0.1.18 maps them. */
public enum AccessMode implements PathAccess {
    /** Read files; list directories. */
    RO("Read files, and list directories.", EnumSet.of(READ_FILE), EnumSet.of(READ_DIR)),
    /** Read and execute. */
    ROX("Read and execute files, and list directories.", EnumSet.of(READ_FILE, EXECUTE), EnumSet.of(READ_DIR)),
    /** Read, write, truncate and ioctl; create, remove and move inside directories. */
    RW("Read, write and truncate files; create, remove and move entries inside directories.",
            EnumSet.of(READ_FILE, WRITE_FILE, TRUNCATE, IOCTL_DEV), directoryWriteRights()),
    /** Everything rw grants, plus execute. */
    RWX("Everything rw allows, and executing files.", EnumSet.of(READ_FILE, WRITE_FILE, TRUNCATE, IOCTL_DEV, EXECUTE),
            directoryWriteRights());

    private final String explanation;
    private final Set<FsAccess> fileRights;
    private final Set<FsAccess> directoryRights;

    AccessMode(String explanation, EnumSet<FsAccess> fileRights, EnumSet<FsAccess> directoryOnly) {
        this.explanation = explanation;
        this.fileRights = Collections.unmodifiableSet(EnumSet.copyOf(fileRights));
        EnumSet<FsAccess> all = EnumSet.copyOf(fileRights);
        all.addAll(directoryOnly);
        this.directoryRights = Collections.unmodifiableSet(all);
    }

    private static EnumSet<FsAccess> directoryWriteRights() {
        return EnumSet.of(READ_DIR, REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR, MAKE_REG, MAKE_SOCK, MAKE_FIFO,
                MAKE_BLOCK, MAKE_SYM, REFER);
    }

    @Override
    public Set<FsAccess> rightsFor(boolean directory) {
        return directory ? directoryRights : fileRights;
    }

    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One sentence for the user. */
    public String explanation() {
        return explanation;
    }

    /** The mode with this label ("ro", "rox", "rw", "rwx"), or null. */
    public static AccessMode byLabel(String label) {
        for (AccessMode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        return null;
    }

    /** The narrowest mode whose directory rights include all of {@code rights}, or null if none does. */
    public static AccessMode narrowestCovering(Set<FsAccess> rights) {
        for (AccessMode mode : values()) {
            if (mode.directoryRights.containsAll(rights)) {
                return mode;
            }
        }
        return null;
    }
}
