package dev.paddock.app.model;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.trace.AccessModel;
import dev.paddock.core.trace.Need;
import dev.paddock.core.trace.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why an access got its verdict, for the Explain panel: the rights the operation needs and where, the rules that
 * cover each place (the path and the folders above it), and each right with the ABI that introduced it.
 *
 * @param what     what was tried: "read /etc/passwd"
 * @param sentence the one sentence of the verdict
 * @param needs    what Landlock checks, one line each: "read_file on /etc/passwd (the file itself)"
 * @param covering for each place checked, the rules on it or above it, or that there is none
 * @param rights   every right involved, for its help
 * @param fix      the rule that would allow it, or ""
 */
public record AccessExplanation(String what, String sentence, List<String> needs, List<String> covering,
                                List<AccessRight> rights, String fix) {

    /** The explanation of a row under the run's ruleset model (null when the run has none: nothing covers). */
    public static AccessExplanation of(AccessRow row, AccessModel model) {
        List<String> needs = new ArrayList<>();
        List<String> covering = new ArrayList<>();
        Set<AccessRight> rights = new LinkedHashSet<>(row.verdict().missing());
        for (Need need : row.access().needs()) {
            if (need instanceof Need.OnPath p) {
                rights.addAll(p.rights());
                needs.add(names(p.rights()) + " on " + p.path() + " (" + role(p.role()) + ")");
                covering.add(cover(p.path(), model));
            } else if (need instanceof Need.Refer r) {
                rights.add(FsAccess.REFER);
                needs.add("refer, and the rights to " + (r.removesFrom() ? "move " : "link ") + r.from() + " out of "
                        + AccessModel.parent(r.from()) + " and into " + AccessModel.parent(r.to()));
                covering.add(cover(AccessModel.parent(r.from()), model));
                covering.add(cover(AccessModel.parent(r.to()), model));
            } else if (need instanceof Need.OnPort p) {
                rights.add(p.right());
                needs.add(p.right().id() + " on port " + p.port());
            } else if (need instanceof Need.Unchecked u) {
                needs.add("nothing Landlock checks: " + u.why());
            } else if (need instanceof Need.Scoped s) {
                rights.add(s.scope());
                needs.add(s.scope().id() + ": " + s.why());
            }
        }
        Verdict v = row.verdict();
        String fix = v.fix() == null ? "" : "Allow adds " + v.fix().describe() + " (paddock run " + v.fix().flag()
                + ")";
        return new AccessExplanation(row.operation() + " " + row.target(), row.sentence(), needs, covering.stream().distinct().toList(),
                List.copyOf(rights), fix);
    }

    /**
     * Each right involved, described for its help, and said to be missing when a kernel of this ABI lacks it.
     *
     * @param kernelAbi the running kernel's Landlock ABI
     */
    public List<String> describeRights(int kernelAbi) {
        return rights.stream().map(right -> describe(right) + (right.abi() > kernelAbi
                ? " This kernel (ABI " + kernelAbi + ") does not have it." : "")).toList();
    }

    /** "read_file — Open a file for reading. Since ABI 1 (Linux 5.13)." */
    public static String describe(AccessRight right) {
        return right.id() + " — " + right.explanation() + " Since " + right.requirement() + ".";
    }

    private static String cover(String path, AccessModel model) {
        List<PlannedPathRule> rules = model == null ? List.of() : model.covering(path);
        if (rules.isEmpty()) {
            return "no rule covers " + path + " or a folder above it";
        }
        return path + " is covered by " + rules.stream().map(r -> r.shown() + " (" + names(r.rights()) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String role(Need.Role role) {
        return switch (role) {
            case OBJECT -> "the file or folder itself";
            case NEW_OBJECT -> "the new file, once made";
            case PARENT -> "the folder the entry is made in or removed from";
            case INTERPRETER -> "the program's interpreter";
        };
    }

    private static String names(Set<? extends AccessRight> rights) {
        return rights.isEmpty() ? "no right" : rights.stream().map(AccessRight::id).collect(Collectors.joining(", "));
    }
}
