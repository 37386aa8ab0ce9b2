package dev.paddock.core.policy;

import dev.paddock.core.landlock.FsAccess;

import java.util.Set;

/** What a path rule grants: one of landrun's modes, or an explicit set of rights. */
public sealed interface PathAccess permits AccessMode, RightSet {

    /** The rights granted on a path of the given kind; file rules get only the rights valid on files. */
    Set<FsAccess> rightsFor(boolean directory);

    /** A short label: "ro", "rwx", or the rights joined with '+'. */
    String label();
}
