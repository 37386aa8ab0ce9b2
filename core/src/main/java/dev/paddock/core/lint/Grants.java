package dev.paddock.core.lint;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path rules of a policy as the ruleset plan grants them on this kernel, joined back to their paths as written,
 * with the questions the checks ask: which rules cover a path, and with what.
 */
final class Grants {
    private final List<Grant> all;

    private Grants(List<Grant> all) {
        this.all = List.copyOf(all);
    }

    /**
     * The grants of {@code plan}, which was compiled from {@code expanded}: the same rules as {@code written}, in the
     * same order, with their variables expanded.
     */
    static Grants of(Policy written, Policy expanded, RulesetPlan plan) {
        Map<String, List<String>> writtenByAbsolute = new LinkedHashMap<>();
        for (int i = 0; i < expanded.paths().size(); i++) {
            PathRule rule = expanded.paths().get(i);
            try {
                List<String> same = writtenByAbsolute.computeIfAbsent(
                        Path.of(rule.path()).toAbsolutePath().toString(), key -> new ArrayList<>());
                String shown = written.paths().get(i).path();
                if (!same.contains(shown)) {
                    same.add(shown);
                }
            } catch (InvalidPathException e) {
                // the compiler refused it already
            }
        }
        List<Grant> grants = new ArrayList<>();
        for (PlannedPathRule rule : plan.pathRules()) {
            List<String> shown = writtenByAbsolute.get(rule.path());
            if (rule.origin() != PlannedPathRule.Origin.POLICY || shown == null) {
                continue;
            }
            grants.add(new Grant(shown.get(0), shown.subList(1, shown.size()), Path.of(rule.path()).normalize(),
                    Path.of(rule.target()), rule.directory(), rule.allowed()));
        }
        return new Grants(grants);
    }

    List<Grant> all() {
        return all;
    }

    /**
     * The findings, with each finding about a path that several rules name (${HOME} and ${HOME}/) repeated for each
     * of them, so that accepting it for one rule does not accept it for the others, and its fix saying to merge them.
     */
    List<Finding> perWrittenRule(List<Finding> findings) {
        List<Finding> each = new ArrayList<>();
        for (Finding finding : findings) {
            Grant merged = finding.concern().kind() != Concern.Kind.PATH ? null : all.stream()
                    .filter(grant -> !grant.others().isEmpty() && grant.written().equals(finding.concern().subject()))
                    .findFirst().orElse(null);
            if (merged == null) {
                each.add(finding);
                continue;
            }
            String fix = finding.fix() + " Keep one rule for this path: " + Words.some(merged.everyWritten())
                    + " name the same one, and its rights add up.";
            for (String written : merged.everyWritten()) {
                each.add(new Finding(finding.rule(), Concern.path(written), finding.attack(), fix));
            }
        }
        return each;
    }

    /**
     * Where a path leads once the links of its existing part are followed; a part that does not exist yet is kept as
     * written. A path that cannot be read at all is kept as it is.
     */
    static Path resolve(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException | SecurityException e) {
            return absolute;
        }
    }

    /** The rules that reach {@code path} with {@code right}: those that cover it, and those on something inside it. */
    List<Grant> touching(Path path, FsAccess right) {
        Path resolved = resolve(path);
        return all.stream().filter(grant -> grant.has(right) && (grant.covers(resolved)
                || grant.target().startsWith(resolved))).toList();
    }

    /**
     * Whether {@code grant} lets the sandbox put its own content at {@code path}: change the file, add a file, a link
     * or a folder moved in from elsewhere to the folder, create it where it is missing, or change a file or folder
     * the rule names inside it.
     */
    static boolean canPlant(Grant grant, Path path) {
        Path resolved = resolve(path);
        if (grant.target().startsWith(resolved) && !grant.target().equals(resolved)) {
            return grant.directory() ? fillsFolder(grant) : grant.has(FsAccess.WRITE_FILE);
        }
        if (Files.isDirectory(resolved)) {
            return grant.covers(resolved) && fillsFolder(grant);
        }
        if (Files.exists(resolved)) {
            return grant.covers(resolved) && grant.has(FsAccess.WRITE_FILE)
                    || grant.directory() && grant.covers(resolved.getParent()) && grant.has(FsAccess.REMOVE_FILE)
                    && (grant.has(FsAccess.MAKE_REG) || grant.has(FsAccess.MAKE_SYM));
        }
        return grant.directory() && grant.covers(resolved) && createsEntry(grant)
                && (Files.isDirectory(resolved.getParent()) || grant.has(FsAccess.MAKE_DIR));
    }

    /** Whether a folder rule lets the sandbox change what the folder holds: rewrite a file or add an entry. */
    static boolean fillsFolder(Grant grant) {
        return grant.has(FsAccess.WRITE_FILE) || createsEntry(grant);
    }

    /** A new file, a link to the sandbox's own file, or a folder moved in from a writable place (refer). */
    private static boolean createsEntry(Grant grant) {
        return grant.has(FsAccess.MAKE_REG) || grant.has(FsAccess.MAKE_SYM)
                || grant.has(FsAccess.MAKE_DIR) && grant.has(FsAccess.REFER);
    }
}
