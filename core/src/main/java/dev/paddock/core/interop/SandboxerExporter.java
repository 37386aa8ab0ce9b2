package dev.paddock.core.interop;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.Profile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A profile as the kernel's sample {@code sandboxer} takes it (and Landbox, which embeds it): LL_FS_RO, LL_FS_RW,
 * LL_TCP_BIND, LL_TCP_CONNECT, LL_UDP_BIND, LL_UDP_CONNECT_SEND (ABI 10) and LL_SCOPED in the environment. As for TCP,
 * an empty port list handles the right and allows no port; a sandboxer older than ABI 10 ignores the UDP variables.
 * Quiet rules go to LL_FS_QUIET and LL_NET_QUIET, as the sandboxer of the quiet-flag patches (Tingmao Wang, 2025)
 * takes them, quieting every handled right of those paths and ports, as Paddock does; those two names were checked
 * against the patch series only, and a sandboxer that does not know them logs the denials, nothing more. The sandboxer has two path classes only, and its
 * read-only class includes execute, so most profiles widen; every widening is a warning.
 */
public final class SandboxerExporter {
    /** What the sandboxer's LL_FS_RO grants on a directory. */
    static final Set<FsAccess> READ = EnumSet.of(FsAccess.EXECUTE, FsAccess.READ_FILE, FsAccess.READ_DIR);
    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SandboxerExporter() {
    }

    /** @throws IllegalArgumentException with one sentence naming a value that the line cannot hold safely */
    public static Export export(Profile profile) {
        List<String> warnings = new ArrayList<>();
        List<ExportWord> words = words(profile.policy(), warnings);
        NoSeccompLayer.warn("the sandboxer", profile.policy(), warnings);
        return new Export(ShellWords.line(words, "a sandboxer line"), warnings);
    }

    /** The words of the line, from "env" to the command, each marked as expanding its variables or literal. */
    static List<ExportWord> words(Policy policy, List<String> warnings) {
        List<ExportWord> words = new ArrayList<>(List.of(ExportWord.literal("env"), ExportWord.literal("-i")));
        List<String> readOnly = new ArrayList<>();
        List<String> readWrite = new ArrayList<>();
        if (policy.unrestrictedFilesystem()) {
            warnings.add("the sandboxer always restricts the filesystem: the export allows rwx on / instead");
            readWrite.add("/");
        }
        boolean readWidened = false;
        for (PathRule rule : policy.paths()) {
            if (policy.unrestrictedFilesystem()) {
                break;
            }
            Set<FsAccess> rights = EnumSet.copyOf(rule.access().rightsFor(true));
            rights.remove(FsAccess.RESOLVE_UNIX);
            if (rights.isEmpty()) {
                warnings.add(rule.path() + ": the sandboxer cannot allow connecting to UNIX sockets; the rule is left "
                        + "out");
                continue;
            }
            if (READ.containsAll(rights)) {
                readOnly.add(rule.path());
                readWidened |= !rights.contains(FsAccess.EXECUTE);
            } else {
                readWrite.add(rule.path());
                if (rule.access() != AccessMode.RWX) {
                    warnings.add(rule.path() + ": exported in LL_FS_RW, which also allows executing and every write "
                            + "right (" + rule.access().label() + " was asked)");
                }
            }
            if (rule.path().contains(":")) {
                warnings.add("the sandboxer splits paths at colons, so it cannot take the path " + rule.path());
            }
        }
        if (readWidened) {
            warnings.add("the sandboxer's LL_FS_RO includes execute: ro paths become executable");
        }
        if (!policy.paths().isEmpty()) {
            warnings.add("the sandboxer gives a file the same class of rights as a directory; it cannot express "
                    + "per-file modes beyond that");
        }
        words.add(ExportWord.expanding("LL_FS_RO=" + String.join(":", readOnly)));
        words.add(ExportWord.expanding("LL_FS_RW=" + String.join(":", readWrite)));
        if (!policy.unrestrictedNetwork()) {
            words.add(ExportWord.literal("LL_TCP_BIND=" + policy.bindTcp().stream().map(String::valueOf)
                    .collect(Collectors.joining(":"))));
            words.add(ExportWord.literal("LL_TCP_CONNECT=" + policy.connectTcp().stream().map(String::valueOf)
                    .collect(Collectors.joining(":"))));
            words.add(ExportWord.literal("LL_UDP_BIND=" + policy.bindUdp().stream().map(String::valueOf)
                    .collect(Collectors.joining(":"))));
            words.add(ExportWord.literal("LL_UDP_CONNECT_SEND=" + policy.connectUdp().stream().map(String::valueOf)
                    .collect(Collectors.joining(":"))));
        }
        List<String> quietPaths = policy.unrestrictedFilesystem() ? List.of()
                : policy.paths().stream().filter(PathRule::quiet).map(PathRule::path).toList();
        if (!quietPaths.isEmpty()) {
            words.add(ExportWord.expanding("LL_FS_QUIET=" + String.join(":", quietPaths)));
        }
        if (!policy.unrestrictedNetwork() && !policy.quietPorts().isEmpty()) {
            words.add(ExportWord.literal("LL_NET_QUIET=" + policy.quietPorts().stream().map(String::valueOf)
                    .collect(Collectors.joining(":"))));
        }
        if (!policy.scopes().isEmpty()) {
            List<String> scopes = new ArrayList<>();
            if (policy.scopes().contains(Scope.ABSTRACT_UNIX_SOCKET)) {
                scopes.add("a");
            }
            if (policy.scopes().contains(Scope.SIGNAL)) {
                scopes.add("s");
            }
            words.add(ExportWord.literal("LL_SCOPED=" + String.join(":", scopes)));
        }
        for (EnvVar variable : policy.environment()) {
            words.add(environmentWord(variable));
        }
        Quiet.warnOptional("the sandboxer", null, policy, warnings);
        if (policy.ldd() || policy.addExec()) {
            warnings.add("the sandboxer has no ldd or add-exec: allow the program and its libraries with paths");
        }
        if (!policy.auditFlags().isEmpty()) {
            warnings.add("the sandboxer sets no audit flags (it has LL_FORCE_LOG only)");
        }
        if (policy.workingDirectory() != null) {
            warnings.add("the sandboxer has no working directory: run the line from " + policy.workingDirectory());
        }
        words.add(ExportWord.literal("sandboxer"));
        policy.command().forEach(word -> words.add(ExportWord.literal(word)));
        return words;
    }

    /**
     * env -i empties the environment, so a passed variable is expanded by the shell that runs the line: NAME=${NAME},
     * which needs a name the shell can expand. A set one is literal.
     */
    private static ExportWord environmentWord(EnvVar variable) {
        if (!variable.passes()) {
            return ExportWord.literal(variable.name() + "=" + variable.value());
        }
        if (!SHELL_NAME.matcher(variable.name()).matches()) {
            throw new IllegalArgumentException("the sandboxer line passes variables through the shell, which cannot "
                    + "expand one named \"" + ControlCharacters.visible(variable.name()) + "\": set its value instead");
        }
        return ExportWord.expanding(variable.name() + "=${" + variable.name() + "}");
    }
}
