package dev.paddock.core.lint;

import dev.paddock.core.landlock.FsAccess;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One path rule as the kernel will see it on this machine: the path as the profile writes it (for the finding), where
 * it leads once variables are expanded and links followed, and the rights this kernel will grant there.
 *
 * @param written   the rule's path as written in the profile, such as {@code ${HOME}}: the first of the rules that
 *                  name this path
 * @param others    the other rules, as written, that name the same path (such as {@code ${HOME}/}): the kernel gets
 *                  one rule with their rights added up
 * @param path      the expanded, absolute and normalized path
 * @param target    where the path leads once links are followed: what the rule really covers
 * @param directory whether the rule is for a folder (and so for everything beneath it)
 * @param allowed   the rights mask the ruleset will grant
 */
record Grant(String written, List<String> others, Path path, Path target, boolean directory, long allowed) {

    Grant {
        others = List.copyOf(others);
    }

    /** Rights that change what is in a folder or a file. */
    static final long WRITES = FsAccess.WRITE_FILE.bit() | FsAccess.MAKE_REG.bit() | FsAccess.REMOVE_FILE.bit()
            | FsAccess.MAKE_DIR.bit() | FsAccess.REMOVE_DIR.bit() | FsAccess.MAKE_SYM.bit();

    boolean has(FsAccess right) {
        return (allowed & right.bit()) != 0;
    }

    boolean writes() {
        return (allowed & WRITES) != 0;
    }

    /** Whether the rule covers {@code resolved}: the rule's own file, or anything beneath its folder. */
    boolean covers(Path resolved) {
        return directory ? resolved.startsWith(target) : resolved.equals(target);
    }

    /** Whether the rule reaches somewhere else than its normalized path says, through a link. */
    boolean throughLink() {
        return !path.equals(target);
    }

    /** "the rule for ${HOME}", and where it leads when a link takes it elsewhere. */
    String named() {
        return (others.isEmpty() ? "the rule for " + written : "the rules for " + Words.some(everyWritten())
                + " (one path: their rights add up)") + (throughLink() ? " (which leads to " + target + ")" : "");
    }

    /** Every rule, as written, that names this path: {@link #written} first. */
    List<String> everyWritten() {
        return Stream.concat(Stream.of(written), others.stream()).toList();
    }
}
