package dev.paddock.core.lesson;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.seccomp.SeccompRule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.paddock.core.lesson.LessonChecker.failed;
import static dev.paddock.core.lesson.LessonChecker.passed;

/** The checks that read the learner's profile (its paths expanded) instead of running anything. */
final class ProfileJudge {
    private final Policy policy;
    private final LessonFolder folder;

    ProfileJudge(Policy policy, LessonFolder folder) {
        this.policy = policy;
        this.folder = folder;
    }

    Criterion judge(Check check) {
        return switch (check.kind()) {
            case NO_RIGHT -> noRight(check);
            case NO_RULE_COVERING -> noRuleCovering(check);
            case SCOPE -> {
                boolean on = policy.scopes().stream().anyMatch(s -> s.id().equals(check.value()));
                yield on ? passed(check, "The " + check.value() + " scope is restricted.")
                        : failed(check, "The profile leaves the " + check.value() + " scope open: tick it under "
                        + "Scopes (\"" + check.value() + "\" in the profile's \"scopes\").");
            }
            case HARDENING -> {
                boolean on = policy.hardening().stream().anyMatch(r -> r.id().equals(check.value()));
                yield on ? passed(check, "The seccomp rule \"" + check.value() + "\" is on.")
                        : failed(check, "The seccomp rule \"" + check.value() + "\" is off: tick it under Advanced, "
                        + "Hardening (\"hardening\" in the profile, --harden " + check.value()
                        + " on the command line).");
            }
            case COMPATIBILITY -> {
                String is = policy.compatibility().name().toLowerCase(Locale.ROOT).replace('_', '-');
                yield is.equals(check.value()) ? passed(check, "The profile is " + is + ".")
                        : failed(check, "The profile is " + is + ", not " + check.value() + ".");
            }
            case ABI_HAS -> check.feature().availableOn(policy.abi())
                    ? passed(check, "Written for ABI " + policy.abi() + ", which has " + check.feature().words() + ".")
                    : failed(check, "Written for ABI " + policy.abi() + ", which does not know "
                    + check.feature().words() + " (" + check.feature().requirement() + "): the kernel leaves it "
                    + "allowed.");
            case PORTS -> ports(check);
            default -> throw new IllegalStateException("not a profile check: " + check.kind());
        };
    }

    private Criterion noRight(Check check) {
        Path target = Path.of(folder.expand(check.path())).normalize();
        if (policy.unrestrictedFilesystem()) {
            return failed(check, "The filesystem is unrestricted, so everything is granted everywhere.");
        }
        for (PathRule rule : policy.paths()) {
            Path path = Path.of(rule.path()).normalize();
            if (!target.startsWith(path) && !path.startsWith(target)) {
                continue;
            }
            Set<FsAccess> granted = EnumSet.noneOf(FsAccess.class);
            granted.addAll(rule.access().rightsFor(Files.isDirectory(path)));
            granted.retainAll(check.rights());
            if (!granted.isEmpty()) {
                return failed(check, "The rule on " + shown(path) + " (" + rule.access().label() + ") grants "
                        + granted.stream().map(FsAccess::id).collect(Collectors.joining(", "))
                        + (path.equals(target) ? " there." : path.startsWith(target) ? ", inside "
                        + shown(target) + "." : ", which reaches " + shown(target) + "."));
            }
        }
        return passed(check, "No rule grants " + check.rights().stream().map(FsAccess::id).sorted()
                .collect(Collectors.joining(", ")) + " on " + shown(target) + ".");
    }

    private Criterion noRuleCovering(Check check) {
        Path target = Path.of(folder.expand(check.path())).normalize();
        if (policy.unrestrictedFilesystem()) {
            return failed(check, "The filesystem is unrestricted, so " + shown(target) + " is wide open.");
        }
        for (PathRule rule : policy.paths()) {
            Path path = Path.of(rule.path()).normalize();
            if (target.startsWith(path)) {
                return failed(check, "The rule on " + shown(path) + " (" + rule.access().label() + ") covers "
                        + shown(target) + (path.equals(target) ? " itself." : " and everything beneath it."));
            }
        }
        return passed(check, "No rule is on " + shown(target) + " or a folder above it.");
    }

    private Criterion ports(Check check) {
        if (policy.unrestrictedNetwork()) {
            return failed(check, "The network is unrestricted, so every port is allowed.");
        }
        Set<Integer> extraBind = new TreeSet<>(policy.bindTcp());
        extraBind.removeAll(check.bindTcp());
        Set<Integer> extraConnect = new TreeSet<>(policy.connectTcp());
        extraConnect.removeAll(check.connectTcp());
        if (extraBind.isEmpty() && extraConnect.isEmpty()) {
            return passed(check, "The profile allows no TCP port beyond " + describe(check.bindTcp(), "binding")
                    + " and " + describe(check.connectTcp(), "connecting") + ".");
        }
        return failed(check, "The profile also allows " + (extraBind.isEmpty() ? "" : "binding " + extraBind
                + (extraConnect.isEmpty() ? "" : " and ")) + (extraConnect.isEmpty() ? ""
                : "connecting to " + extraConnect) + ", which the task does not need.");
    }

    private static String describe(List<Integer> ports, String verb) {
        return ports.isEmpty() ? "no " + verb : verb + " " + ports;
    }

    private String shown(Path path) {
        return path.toString().replace(folder.directory().toString(), "${LESSON_DIR}");
    }

    static boolean knownScope(String id) {
        return EnumSet.allOf(Scope.class).stream().anyMatch(s -> s.id().equals(id));
    }

    static boolean knownHardening(String id) {
        return EnumSet.allOf(SeccompRule.class).stream().anyMatch(r -> r.id().equals(id));
    }
}
