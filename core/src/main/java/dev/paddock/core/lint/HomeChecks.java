package dev.paddock.core.lint;

import dev.paddock.core.landlock.FsAccess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks for files that run code later, outside the sandbox (shell start-up files, session autostart, folders on
 * PATH, ~/.ssh, git's configuration), and for the key stores a sandbox should not read. Each finding names the rule
 * that grants it and the files it reaches; one finding per rule and kind, not one per file.
 */
final class HomeChecks {

    /** Shell start-up files, and ~/.local/lib, where a .pth file in Python's user site-packages runs code. */
    private static final List<String> SHELL_STARTUP = List.of(".bashrc", ".bash_profile", ".bash_login",
            ".bash_logout", ".bash_aliases", ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin",
            ".config/fish/config.fish", ".config/fish/conf.d", ".local/lib");
    private static final List<String> AUTOSTART = List.of(".config/autostart", ".config/systemd/user",
            ".local/share/systemd/user", ".config/environment.d", ".xprofile", ".xsessionrc", ".xinitrc",
            ".pam_environment", ".local/share/applications");
    private static final List<String> SSH = List.of(".ssh");
    private static final List<String> GIT_CONFIG = List.of(".gitconfig", ".config/git");
    private static final List<String> SECRETS = List.of(".ssh", ".gnupg", ".aws", ".azure", ".config/gcloud",
            ".kube", ".docker/config.json", ".netrc", ".git-credentials", ".password-store", ".pgpass",
            ".config/gh", ".local/share/keyrings", ".mozilla", ".config/google-chrome", ".config/chromium",
            ".cargo/credentials.toml", ".npmrc", ".pypirc");

    /** Files in ~/.ssh that hold no secret: a rule for one of them alone reads no key. */
    private static final Set<String> SSH_PUBLIC = Set.of("known_hosts", "known_hosts.old", "config",
            "authorized_keys");

    private HomeChecks() {
    }

    static void check(Grants grants, Path home, String searchPath, List<Finding> into) {
        if (home != null) {
            plant(grants, LintRule.SHELL_STARTUP_WRITABLE, under(home, SHELL_STARTUP), into,
                    "add commands to %s, which your shell then runs outside the sandbox, as you, the next time you "
                            + "open a terminal (or Python, at its next start, for a .pth file in ~/.local/lib)",
                    "Change %s to ro, or narrow it to the folder the command writes: a shell start-up file must "
                            + "never be writable from a sandbox.");
            plant(grants, LintRule.AUTOSTART_WRITABLE, under(home, AUTOSTART), into,
                    "add a start-up entry, service or menu entry to %s, which your session then runs outside the "
                            + "sandbox",
                    "Change %s to ro, or narrow it to the folder the command writes, leaving out ~/.config/autostart "
                            + "and ~/.config/systemd.");
            plant(grants, LintRule.SSH_WRITABLE, under(home, SSH), into,
                    "add its key to ~/.ssh/authorized_keys or a ProxyCommand to ~/.ssh/config, which ssh runs "
                            + "outside the sandbox",
                    "Change %s to ro, or narrow it to the folder the command writes; grant ~/.ssh read-only at "
                            + "most, and only to a command that must read it.");
            plant(grants, LintRule.GIT_CONFIG_WRITABLE, under(home, GIT_CONFIG), into,
                    "set core.fsmonitor, core.pager or an alias in %s, which git then runs outside the sandbox in "
                            + "every repository",
                    "Change %s to ro, or narrow it to the folder the command writes; git's configuration must stay "
                            + "read-only in a sandbox.");
            readable(grants, under(home, SECRETS), into);
        }
        plant(grants, LintRule.PATH_DIRECTORY_WRITABLE, searchFolders(home, searchPath), into,
                "put a program named like one you use (ls, git, sudo) in %s, which your shell then runs outside the "
                        + "sandbox",
                "Change %s to ro (or rox): a folder on your PATH must never be writable from a sandbox.");
    }

    private static List<Path> under(Path home, List<String> relative) {
        return relative.stream().map(home::resolve).toList();
    }

    /** The folders on PATH, and ~/.local/bin and ~/bin, which a login shell adds to it when they exist. */
    private static List<Path> searchFolders(Path home, String searchPath) {
        Set<Path> folders = new LinkedHashSet<>();
        if (searchPath != null) {
            for (String entry : searchPath.split(":")) {
                if (entry.startsWith("/")) {
                    folders.add(Path.of(entry).normalize());
                }
            }
        }
        if (home != null) {
            folders.add(home.resolve(".local/bin"));
            folders.add(home.resolve("bin"));
        }
        return new ArrayList<>(folders);
    }

    /** One finding per rule that lets the sandbox put its content at one of {@code paths}. */
    private static void plant(Grants grants, LintRule rule, List<Path> paths, List<Finding> into, String attack,
                              String fix) {
        Map<Grant, List<Path>> reached = new LinkedHashMap<>();
        for (Path path : paths) {
            for (Grant grant : grants.all()) {
                if (Grants.canPlant(grant, path)) {
                    // a rule inside the place names its own file: ~/.ssh/authorized_keys rather than ~/.ssh
                    Path named = grant.target().startsWith(Grants.resolve(path)) ? grant.target() : path;
                    reached.computeIfAbsent(grant, g -> new ArrayList<>()).add(named);
                }
            }
        }
        reached.forEach((grant, files) -> into.add(new Finding(rule, Concern.path(grant.written()),
                "A program in the sandbox could " + String.format(attack, Words.some(files)) + ", since "
                        + grant.named() + " allows writing there.", String.format(fix, "the rule for "
                        + grant.written()))));
    }

    /** Whether {@code file}, inside the key store {@code store}, is one of ~/.ssh's public files. */
    private static boolean publicSshFile(Path store, Path file) {
        String name = file.getFileName().toString();
        return store.getFileName().toString().equals(".ssh") && file.getParent().equals(Grants.resolve(store))
                && (SSH_PUBLIC.contains(name) || name.endsWith(".pub"));
    }

    /** One finding per rule that lets the sandbox read key stores that exist on this machine. */
    private static void readable(Grants grants, List<Path> stores, List<Finding> into) {
        Map<Grant, List<Path>> reached = new LinkedHashMap<>();
        for (Path store : stores) {
            if (!Files.exists(store)) {
                continue;
            }
            for (Grant grant : grants.touching(store, FsAccess.READ_FILE)) {
                if (grant.covers(Grants.resolve(store))) {
                    reached.computeIfAbsent(grant, g -> new ArrayList<>()).add(store);
                } else if (!publicSshFile(store, grant.target())) {
                    reached.computeIfAbsent(grant, g -> new ArrayList<>()).add(grant.target());
                }
            }
        }
        reached.forEach((grant, found) -> into.add(new Finding(LintRule.SECRETS_READABLE,
                Concern.path(grant.written()), "A program in the sandbox could read " + Words.some(found)
                + " through " + grant.named() + " and send your keys and passwords wherever it can reach.",
                "Narrow the rule for " + grant.written() + " to the folders the command reads, leaving out the key "
                        + "stores: Landlock cannot deny them beneath an allowed folder.")));
    }
}
