package dev.paddock.core.trace;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.Scope;

import java.util.Set;

/** One thing Landlock checks for an access: rights on a path, a move between directories, a port, or nothing. */
public sealed interface Need {

    /** Where on a path the rights are checked. */
    enum Role {
        /** the file or directory itself (open, execute, truncate) */
        OBJECT,
        /** a file that the call creates, checked once it exists (open with O_CREAT) */
        NEW_OBJECT,
        /** the directory in which an entry is made or removed */
        PARENT,
        /** the interpreter the kernel opens for a program (#! line, ELF PT_INTERP) */
        INTERPRETER
    }

    /**
     * Rights on one path: Landlock walks from {@code path} up to the root, and each right must be granted by a rule
     * on the way.
     *
     * @param path      the absolute path with links resolved as the call resolves them
     * @param directory whether the path is (or, for a parent, must be) a directory
     */
    record OnPath(String path, boolean directory, Set<FsAccess> rights, Role role) implements Need {
        public OnPath {
            rights = Set.copyOf(rights);
        }
    }

    /**
     * A rename or hard link from one directory to another (or within one): Landlock's refer rules. The rights
     * are decided by the model, since they depend on both places.
     *
     * @param from        the entry moved or linked
     * @param fromType    what it is
     * @param to          the new name
     * @param toType      what is there now (MISSING when nothing)
     * @param removesFrom a rename (the old name goes away), not a link
     * @param exchange    renameat2(RENAME_EXCHANGE): both entries move
     */
    record Refer(String from, FileType fromType, String to, FileType toType, boolean removesFrom, boolean exchange)
            implements Need {
    }

    /** A TCP port right. */
    record OnPort(NetAccess right, int port) implements Need {
    }

    /** Nothing Landlock checks, and why (O_PATH, a file that is not there, UDP...). */
    record Unchecked(String why) implements Need {
    }

    /**
     * Something Landlock decides by who made the object, which the trace cannot see (an abstract UNIX socket under
     * the abstract-socket scope).
     */
    record Scoped(Scope scope, String why) implements Need {
    }
}
