package dev.paddock.core.policy;

import dev.paddock.core.landlock.FsAccess;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An explicit set of filesystem rights for one path, for what landrun's modes cannot say. */
public record RightSet(Set<FsAccess> rights) implements PathAccess {

    public RightSet {
        if (rights == null || rights.isEmpty()) {
            throw new IllegalArgumentException("a path rule needs at least one right");
        }
        rights = Collections.unmodifiableSet(EnumSet.copyOf(rights));
    }

    public static RightSet of(FsAccess first, FsAccess... rest) {
        return new RightSet(EnumSet.of(first, rest));
    }

    @Override
    public Set<FsAccess> rightsFor(boolean directory) {
        if (directory) {
            return rights;
        }
        EnumSet<FsAccess> onFile = EnumSet.copyOf(rights);
        onFile.retainAll(FsAccess.fileRights());
        return Collections.unmodifiableSet(onFile);
    }

    @Override
    public String label() {
        return rights.stream().map(FsAccess::id).collect(Collectors.joining("+"));
    }
}
