package dev.paddock.core.trace;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.landlock.PlannedPortRule;
import dev.paddock.core.landlock.RulesetPlan;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Landlock's decision for an access, predicted from the run's {@link RulesetPlan} (one layer, as Paddock builds it):
 * a right on a path is granted when a rule on the path or on a directory above it grants it; a rename or link
 * between directories also needs REFER on both sides and must not give the entry rights it did not have where it
 * was (else EXDEV). The tests compare every prediction with the real kernel.
 *
 * <p>Rules are matched by the path they lead to, so a bind mount that shows one directory at two places is seen at
 * the place the rule names only.
 */
public final class AccessModel {
    private static final long FILE_RIGHTS = AccessRight.maskOf(FsAccess.fileRights());

    private record Rule(Path target, String prefix, PlannedPathRule planned) {
        /** Whether the rule covers {@code path} (a normalized absolute path): it names it or a directory above it. */
        boolean covers(String path) {
            return prefix.isEmpty() ? path.startsWith("/")
                    : path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }
    }

    private final RulesetPlan plan;
    private final List<Rule> rules = new ArrayList<>();
    /** The rules, deepest target first, as "allowed by" names them. */
    private final List<Rule> deepestFirst;
    /** The verdicts of allowed accesses, by the rules that allow them: most accesses share a few. */
    private final Map<List<PlannedPathRule>, Verdict> allowedVerdicts = new ConcurrentHashMap<>();

    public AccessModel(RulesetPlan plan) {
        this.plan = plan;
        for (PlannedPathRule rule : plan.pathRules()) {
            try {
                Path target = Path.of(rule.target());
                String text = target.toString();
                rules.add(new Rule(target, text.equals("/") ? "" : text, rule));
            } catch (InvalidPathException e) {
                // a rule whose target is not a path (a magic link to a pipe) covers no path
            }
        }
        deepestFirst = rules.stream()
                .sorted((a, b) -> Integer.compare(b.target().getNameCount(), a.target().getNameCount())).toList();
    }

    public RulesetPlan plan() {
        return plan;
    }

    /** The verdict on one access. */
    public Verdict judge(Access access) {
        if (!plan.restrictsAnything()) {
            return Verdict.notRestricted("nothing is restricted in this run");
        }
        List<PlannedPathRule> allowedBy = new ArrayList<>();
        PlannedPortRule portRule = null;
        String notRestricted = null;
        String undecided = null;
        boolean checked = false;
        for (Need need : access.needs()) {
            Verdict denial = null;
            if (need instanceof Need.Unchecked u) {
                notRestricted = notRestricted == null ? u.why() : notRestricted;
            } else if (need instanceof Need.Scoped s) {
                if ((plan.scoped() & s.scope().bit()) == 0) {
                    notRestricted = s.scope().activity() + " is not restricted in this run";
                } else {
                    undecided = s.why();
                }
            } else if (need instanceof Need.OnPath p) {
                long handled = mask(p.rights()) & plan.handledFs();
                if (handled == 0) {
                    notRestricted = unhandled(p.rights(), plan.handledFs());
                    continue;
                }
                checked = true;
                long missing = handled & ~granted(p.path());
                if (missing != 0) {
                    denial = deny(p, FsAccess.fromMask(missing));
                } else {
                    collect(p.path(), handled, allowedBy);
                }
            } else if (need instanceof Need.Refer r) {
                if (plan.handledFs() == 0) {
                    notRestricted = "the filesystem is not restricted in this run";
                    continue;
                }
                checked = true;
                denial = refer(r, allowedBy);
            } else if (need instanceof Need.OnPort p) {
                if ((plan.handledNet() & p.right().bit()) == 0) {
                    notRestricted = unhandled(Set.of(p.right()), plan.handledNet());
                    continue;
                }
                checked = true;
                PlannedPortRule rule = plan.portRules().stream()
                        .filter(r -> r.port() == p.port() && (r.allowed() & p.right().bit()) != 0)
                        .findFirst().orElse(null);
                if (rule == null) {
                    denial = Verdict.denied(Set.of(p.right()), "TCP port " + p.port(), Verdict.EACCES,
                            "no rule allows " + p.right().activity() + " on port " + p.port(),
                            Fix.onPort(p.right(), p.port()));
                } else {
                    portRule = rule;
                }
            }
            if (denial != null) {
                return denial;
            }
        }
        if (undecided != null) {
            return Verdict.undecided(undecided);
        }
        if (!checked) {
            return Verdict.notRestricted(notRestricted == null ? "Landlock checks nothing for this" : notRestricted);
        }
        List<PlannedPathRule> rules = dedupe(allowedBy);
        if (portRule != null) {
            return Verdict.allowed(rules, portRule, "the rule for TCP port " + portRule.port() + " allows it");
        }
        if (allowedVerdicts.size() > 1024) {
            allowedVerdicts.clear();
        }
        return allowedVerdicts.computeIfAbsent(rules, AccessModel::allowedBy);
    }

    private static Verdict allowedBy(List<PlannedPathRule> rules) {
        String by = rules.stream().map(PlannedPathRule::shown).distinct().collect(Collectors.joining(", "));
        return Verdict.allowed(rules, null, "allowed by the rule" + (by.contains(", ") ? "s for " : " for ") + by);
    }

    /** The rights a rule on the path or on a directory above it grants. */
    public long granted(String path) {
        String normal = normal(path);
        if (normal == null) {
            try {
                return grantedRelative(Path.of(path));
            } catch (InvalidPathException e) {
                return 0;
            }
        }
        long mask = 0;
        for (Rule rule : rules) {
            if (rule.covers(normal)) {
                mask |= rule.planned().allowed();
            }
        }
        return mask;
    }

    /** The absolute path as Path would normalize it (no double or trailing slash), or null if it is not one. */
    private static String normal(String path) {
        if (!path.startsWith("/") || path.indexOf('\0') >= 0) {
            return null;
        }
        if (!path.contains("//") && (path.length() == 1 || !path.endsWith("/"))) {
            return path;
        }
        return Path.of(path).toString();
    }

    private long grantedRelative(Path p) {
        long mask = 0;
        for (Rule rule : rules) {
            if (p.startsWith(rule.target())) {
                mask |= rule.planned().allowed();
            }
        }
        return mask;
    }

    /**
     * The rules that cover {@code path}: those on the path itself and on every directory above it, nearest first.
     * Their rights together are what {@link #granted(String)} returns.
     *
     * @param path an absolute path
     * @return the rules, nearest first; none for a path that is not a path
     */
    public List<PlannedPathRule> covering(String path) {
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            return List.of();
        }
        return rules.stream().filter(r -> p.startsWith(r.target()))
                .sorted((a, b) -> Integer.compare(b.target().getNameCount(), a.target().getNameCount()))
                .map(Rule::planned).toList();
    }

    /**
     * Whether the rules surely grant every right of {@code rights} (a mask) that this run handles on {@code path}:
     * a first look before an access is judged in full.
     */
    boolean grantsAll(String path, long rights) {
        return !plan.restrictsAnything() || (rights & plan.handledFs() & ~granted(path)) == 0;
    }

    private void collect(String path, long rights, List<PlannedPathRule> into) {
        String normal = normal(path);
        Rule nearest = null;
        Rule deepest = null;
        long left = rights;
        // nearest rules first, as a user reads "allowed by": the deepest rule that grants each right
        for (Rule rule : deepestFirst) {
            if (normal == null ? !Path.of(path).startsWith(rule.target()) : !rule.covers(normal)) {
                continue;
            }
            deepest = deepest == null ? rule : deepest;
            if ((rule.planned().allowed() & left) != 0) {
                into.add(rule.planned());
                left &= ~rule.planned().allowed();
                nearest = rule;
            }
            if (left == 0) {
                break;
            }
        }
        if (nearest == null && deepest != null) {
            into.add(deepest.planned());
        }
    }

    private static List<PlannedPathRule> dedupe(List<PlannedPathRule> rules) {
        return new ArrayList<>(new LinkedHashSet<>(rules));
    }

    private Verdict deny(Need.OnPath need, Set<FsAccess> missing) {
        String names = names(missing);
        Fix fix = Fix.isProcessEntry(need.path()) ? Fix.onProcessEntry(missing) : switch (need.role()) {
            case OBJECT, INTERPRETER -> need.directory() ? Fix.onDirectory(need.path(), missing)
                    : Fix.onFile(need.path(), missing);
            case NEW_OBJECT -> Fix.onDirectory(parent(need.path()), missing);
            case PARENT -> Fix.onDirectory(need.path(), missing);
        };
        String where = switch (need.role()) {
            case OBJECT -> need.path();
            case INTERPRETER -> need.path() + " (the program's interpreter)";
            case NEW_OBJECT -> need.path() + " (the new file)";
            case PARENT -> need.path() + " (the directory)";
        };
        return Verdict.denied(missing, need.path(), Verdict.EACCES, "no rule grants " + names + " on " + where + " or a directory above it", fix);
    }

    /**
     * Landlock's refer check (security/landlock/fs.c, current_check_refer_path): within one directory, the make
     * and remove rights there; across directories, also REFER on both, and no right granted where the entry lands
     * that it did not have where it was (for a file, only the rights that apply to files count).
     */
    private Verdict refer(Need.Refer r, List<PlannedPathRule> allowedBy) {
        String fromParent = parent(r.from());
        String toParent = parent(r.to());
        long handled = plan.handledFs();
        long request1 = 0;
        long request2 = r.fromType().makeRight() == null ? 0 : r.fromType().makeRight().bit();
        if (r.exchange() && r.toType().makeRight() != null) {
            request1 |= r.toType().makeRight().bit();
        }
        if (r.removesFrom()) {
            request1 |= r.fromType().removeRight().bit();
            if (r.toType().exists()) {
                request2 |= r.toType().removeRight().bit();
            }
        }
        if (fromParent.equals(toParent)) {
            long need = (request1 | request2) & handled;
            long missing = need & ~granted(toParent);
            if (missing != 0) {
                Set<FsAccess> rights = FsAccess.fromMask(missing);
                return Verdict.denied(rights, toParent, Verdict.EACCES, "no rule grants " + names(rights) + " on "
                        + toParent + " (the directory) or a directory above it", Fix.onDirectory(toParent, rights));
            }
            collect(toParent, need, allowedBy);
            return null;
        }
        boolean referHandled = (handled & FsAccess.REFER.bit()) != 0;
        request1 = (request1 | FsAccess.REFER.bit()) & handled;
        request2 = (request2 | FsAccess.REFER.bit()) & handled;
        long granted1 = granted(fromParent);
        long granted2 = granted(toParent);
        long missing1 = request1 & ~granted1;
        long missing2 = request2 & ~granted2;
        long refer = FsAccess.REFER.bit();
        if (((missing1 | missing2) & ~refer) != 0) {
            boolean first = (missing1 & ~refer) != 0;
            long missing = first ? missing1 : missing2;
            String where = first ? fromParent : toParent;
            Set<FsAccess> rights = FsAccess.fromMask(missing);
            return Verdict.denied(rights, where, Verdict.EACCES, "no rule grants " + names(rights) + " on " + where
                    + " (the directory) or a directory above it", Fix.onDirectory(where, rights));
        }
        if (!referHandled && handled != 0) {
            return Verdict.denied(Set.of(FsAccess.REFER), fromParent, Verdict.EXDEV, "moving or linking between "
                    + "directories is always denied on ABI " + plan.abi() + ": it needs " + Abi.describe(
                    FsAccess.REFER.abi()), null);
        }
        if ((missing1 | missing2) != 0) {
            String where = missing1 != 0 ? fromParent : toParent;
            return Verdict.denied(Set.of(FsAccess.REFER), where, Verdict.EXDEV, "no rule grants refer on " + where
                    + " (the directory) or a directory above it, which moving or linking between directories needs",
                    Fix.onDirectory(where, FsAccess.fromMask((missing1 != 0 ? request1 : request2) | refer)));
        }
        long escalated = escalation(r.from(), r.fromType(), granted2);
        String escalatedFrom = r.from();
        String escalatedParent = fromParent;
        if (escalated == 0 && r.exchange()) {
            escalated = escalation(r.to(), r.toType(), granted1);
            escalatedFrom = r.to();
            escalatedParent = toParent;
        }
        if (escalated != 0) {
            Set<FsAccess> rights = FsAccess.fromMask(escalated);
            EnumSet<FsAccess> fixRights = EnumSet.copyOf(rights);
            fixRights.add(FsAccess.REFER);
            fixRights.addAll(FsAccess.fromMask(escalatedParent.equals(fromParent) ? request1 : request2));
            return Verdict.denied(rights, escalatedFrom, Verdict.EXDEV, escalatedFrom + " would gain " + names(rights)
                    + " where it lands, which it does not have where it is: Landlock refuses such a move or link",
                    Fix.onDirectory(escalatedParent, fixRights));
        }
        collect(fromParent, request1, allowedBy);
        collect(toParent, request2, allowedBy);
        return null;
    }

    /** The rights the destination grants that the entry does not have where it is (only file rights for a file). */
    private long escalation(String entry, FileType type, long destination) {
        long relevant = plan.handledFs() & (type == FileType.DIRECTORY ? -1L : FILE_RIGHTS);
        return destination & relevant & ~granted(entry);
    }

    private String unhandled(Set<? extends AccessRight> rights, long handled) {
        List<String> parts = new ArrayList<>();
        for (AccessRight right : rights) {
            if ((handled & right.bit()) != 0) {
                continue;
            }
            parts.add(right.activity() + " is not restricted " + (right.abi() > plan.abi()
                    ? "on this kernel (ABI " + plan.abi() + "): it needs " + Abi.describe(right.abi())
                    : "by this run's policy"));
        }
        return String.join("; ", parts);
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String names(Set<? extends AccessRight> rights) {
        return rights.stream().map(AccessRight::id).collect(Collectors.joining(", "));
    }

    private static long mask(Set<? extends AccessRight> rights) {
        return AccessRight.maskOf(rights);
    }
}
