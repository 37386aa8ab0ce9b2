package dev.paddock.core.interop;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AbiUpgrade;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.profile.Profile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A profile as a landrun 0.1.18 command line: exact and shell-quoted, {@code --} before the command. What landrun
 * cannot say exactly is exported wider, never narrower, and every widening is named in a warning.
 */
public final class LandrunExporter {

    private LandrunExporter() {
    }

    /** @throws IllegalArgumentException with one sentence naming a word that the line cannot show safely */
    public static Export export(Profile profile) {
        List<String> warnings = new ArrayList<>();
        List<ExportWord> words = new ArrayList<>();
        words.add(ExportWord.literal("landrun"));
        words.addAll(words(profile.policy(), warnings));
        NoSeccompLayer.warn("landrun", profile.policy(), warnings);
        return new Export(ShellWords.line(words, "a landrun line"), warnings);
    }

    /** The words after "landrun": flags, "--", and the command. */
    public static List<String> arguments(Policy policy, List<String> warnings) {
        return words(policy, warnings).stream().map(ExportWord::text).toList();
    }

    /** The words after "landrun", each marked as a path (its variables expand) or literal. */
    static List<ExportWord> words(Policy policy, List<String> warnings) {
        List<ExportWord> words = new ArrayList<>();
        if (policy.compatibility() == Compatibility.BEST_EFFORT) {
            words.add(ExportWord.literal("--best-effort"));
        }
        if (policy.unrestrictedFilesystem()) {
            words.add(ExportWord.literal("--unrestricted-filesystem"));
        }
        if (policy.unrestrictedNetwork()) {
            words.add(ExportWord.literal("--unrestricted-network"));
        }
        boolean scopesWritten = Feature.SCOPES.availableOn(policy.abi());
        if (policy.scopes().isEmpty() || !scopesWritten) {
            words.add(ExportWord.literal("--unrestricted-scoped"));
        } else if (!policy.scopes().equals(EnumSet.allOf(Scope.class))) {
            words.add(ExportWord.literal("--unrestricted-scoped"));
            Set<Scope> open = EnumSet.complementOf(EnumSet.copyOf(policy.scopes()));
            warnings.add("landrun restricts both scopes or neither: the export leaves "
                    + open.stream().map(Scope::activity).collect(Collectors.joining(" and ")) + " unrestricted too");
        }
        if (policy.ignoreMissing()) {
            words.add(ExportWord.literal("--ignore-missing"));
        }
        if (policy.addExec()) {
            words.add(ExportWord.literal("--add-exec"));
        }
        if (policy.ldd()) {
            words.add(ExportWord.literal("--ldd"));
        }
        pathFlags(policy.paths(), words, warnings);
        policy.bindTcp().forEach(port -> words.addAll(literals("--bind-tcp", Integer.toString(port))));
        policy.connectTcp().forEach(port -> words.addAll(literals("--connect-tcp", Integer.toString(port))));
        warnAboutUdp(policy, warnings);
        warnIfNarrower(policy, warnings);
        Quiet.warn("landrun", policy, warnings);
        Quiet.warnOptional("landrun", "--ignore-missing", policy, warnings);
        for (EnvVar variable : policy.environment()) {
            words.addAll(literals("--env", variable.passes() ? variable.name()
                    : variable.name() + "=" + variable.value()));
        }
        for (AuditFlag flag : policy.auditFlags()) {
            words.add(ExportWord.literal("--" + flag.landrunFlag()));
        }
        if (policy.workingDirectory() != null) {
            warnings.add("landrun has no working-directory flag: run the line from " + policy.workingDirectory());
        }
        if (policy.command().isEmpty()) {
            warnings.add("the profile has no command: add one after --");
        }
        words.add(ExportWord.literal("--"));
        policy.command().forEach(word -> words.add(ExportWord.literal(word)));
        return words;
    }

    /**
     * landrun 0.1.18 knows Landlock up to ABI 9: it has no UDP flag and never handles UDP, so wherever the profile
     * restricts UDP the line is wider.
     */
    private static void warnAboutUdp(Policy policy, List<String> warnings) {
        if (policy.unrestrictedNetwork() || !Feature.UDP.availableOn(policy.abi())) {
            return;
        }
        List<String> allowed = new ArrayList<>();
        policy.bindUdp().forEach(port -> allowed.add("bind " + port));
        policy.connectUdp().forEach(port -> allowed.add("send to " + port));
        warnings.add("landrun cannot restrict UDP (it knows Landlock up to ABI " + LandrunCommandLine.LANDRUN_ABI
                + "): the export leaves UDP unrestricted, which this profile denies from "
                + Feature.UDP.requirement() + (allowed.isEmpty() ? "" : " except " + String.join(", ", allowed)));
    }

    /**
     * landrun restricts everything ABI 9 knows; a profile written for an older ABI leaves the newer rights allowed.
     * Scopes have a flag that leaves them open; the filesystem and TCP rights have none, so there the line is
     * narrower than the profile, which is said.
     */
    private static void warnIfNarrower(Policy policy, List<String> warnings) {
        AbiUpgrade upgrade = AbiUpgrade.of(policy, LandrunCommandLine.LANDRUN_ABI);
        List<String> denied = upgrade.rights().stream().filter(right -> !(right instanceof Scope))
                .map(AccessRight::activity).toList();
        if (!denied.isEmpty()) {
            warnings.add("landrun restricts what ABI " + LandrunCommandLine.LANDRUN_ABI + " knows, and this profile "
                    + "was written for ABI " + policy.abi() + ": the line also denies " + String.join(", ", denied));
        }
    }

    private static List<ExportWord> literals(String... words) {
        return java.util.Arrays.stream(words).map(ExportWord::literal).toList();
    }

    private record PathFlag(String flag, String path) {
    }

    private static void pathFlags(List<PathRule> rules, List<ExportWord> words, List<String> warnings) {
        List<PathFlag> flags = new ArrayList<>();
        for (PathRule rule : rules) {
            flags.addAll(flagsFor(rule, warnings));
            if (rule.path().contains(",")) {
                warnings.add("landrun splits path flags at commas, so it cannot take the path " + rule.path());
            }
        }
        int i = 0;
        while (i < flags.size()) {
            String flag = flags.get(i).flag();
            List<String> group = new ArrayList<>();
            while (i < flags.size() && flags.get(i).flag().equals(flag)) {
                group.add(flags.get(i).path());
                i++;
            }
            if (group.stream().anyMatch(p -> p.contains(","))) {
                group.forEach(path -> words.addAll(List.of(ExportWord.literal("--" + flag), ExportWord.expanding(path))));
            } else {
                words.addAll(List.of(ExportWord.literal("--" + flag), ExportWord.expanding(String.join(",", group))));
            }
        }
    }

    private static List<PathFlag> flagsFor(PathRule rule, List<String> warnings) {
        if (rule.access() instanceof AccessMode mode) {
            return List.of(new PathFlag(mode.label(), rule.path()));
        }
        EnumSet<FsAccess> rights = EnumSet.copyOf(((RightSet) rule.access()).rights());
        List<PathFlag> flags = new ArrayList<>();
        if (rights.remove(FsAccess.RESOLVE_UNIX)) {
            flags.add(new PathFlag("unix", rule.path()));
        }
        if (rights.isEmpty()) {
            return flags;
        }
        AccessMode mode = AccessMode.narrowestCovering(rights);
        if (mode == null) {
            mode = AccessMode.RWX;
        }
        EnumSet<FsAccess> wider = EnumSet.copyOf(mode.rightsFor(true));
        wider.removeAll(rights);
        if (!wider.isEmpty()) {
            warnings.add(rule.path() + ": landrun has no flag for exactly "
                    + rights.stream().map(AccessRight::id).collect(Collectors.joining("+")) + ", so the export uses --"
                    + mode.label() + ", which also allows " + wider.stream().map(AccessRight::id)
                    .collect(Collectors.joining(", ")));
        }
        flags.add(0, new PathFlag(mode.label(), rule.path()));
        return flags;
    }
}
