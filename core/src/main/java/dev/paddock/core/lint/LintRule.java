package dev.paddock.core.lint;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.paddock.core.lint.Severity.ERROR;
import static dev.paddock.core.lint.Severity.WARNING;

/**
 * Every rule of the lint, with its stable id (what a profile's "acknowledged" names), its severity and a short title.
 * A rule can make others redundant for the same path rule: write access to the whole home folder already says that
 * ~/.bashrc is writable, so only the widest finding is shown.
 */
public enum LintRule {
    ROOT_WRITABLE("root-writable", ERROR, "The whole filesystem is writable"),
    HOME_WRITABLE("home-writable", ERROR, "The home folder is writable"),
    SHELL_STARTUP_WRITABLE("shell-startup-writable", ERROR, "Shell start-up files are writable"),
    AUTOSTART_WRITABLE("autostart-writable", ERROR, "Session start-up entries are writable"),
    PATH_DIRECTORY_WRITABLE("path-directory-writable", ERROR, "A folder on your PATH is writable"),
    SSH_WRITABLE("ssh-writable", ERROR, "~/.ssh is writable"),
    GIT_HOOKS_WRITABLE("git-hooks-writable", ERROR, "A git checkout's hooks and config are writable"),
    GIT_CONFIG_WRITABLE("git-config-writable", ERROR, "Your git configuration is writable"),
    KERNEL_FILESYSTEM_WRITABLE("kernel-filesystem-writable", ERROR, "/proc, /sys or /dev is writable"),
    TERMINALS_WRITABLE("terminals-writable", WARNING, "Your other terminals are writable"),
    IOCTL_ALL_DEVICES("ioctl-all-devices", WARNING, "ioctl on every device"),
    WRITE_AND_EXECUTE("write-and-execute", WARNING, "A folder is writable and executable"),
    RULE_BENEATH_WRITABLE("rule-beneath-writable", WARNING, "A rule lies inside a folder the sandbox can change"),
    LINK_WIDENS("link-widens", WARNING, "A rule leads somewhere wider through a link"),
    BROAD_RULE("broad-rule", WARNING, "A rule covers /, /proc, /sys or /dev"),
    SECRETS_READABLE("secrets-readable", WARNING, "Keys and credentials are readable"),
    UNIX_SOCKETS_REACHABLE("unix-sockets-reachable", WARNING, "Every UNIX socket is reachable"),
    UNIX_SOCKET_GRANTED("unix-socket-granted", WARNING, "A rule grants a powerful UNIX socket"),
    ABSTRACT_SOCKET_SCOPE_OFF("abstract-socket-scope-off", WARNING, "Abstract UNIX sockets are not scoped"),
    SIGNAL_SCOPE_OFF("signal-scope-off", WARNING, "Signals are not scoped"),
    UDP_UNRESTRICTED("udp-unrestricted", WARNING, "UDP is unrestricted"),
    FILESYSTEM_UNRESTRICTED("filesystem-unrestricted", ERROR, "The filesystem is unrestricted"),
    NETWORK_UNRESTRICTED("network-unrestricted", WARNING, "The network is unrestricted"),
    NOTHING_RESTRICTED("nothing-restricted", ERROR, "Nothing is restricted on this kernel"),
    RIGHTS_UNENFORCED("rights-unenforced", WARNING, "This kernel leaves some rights unrestricted"),
    AGENT_VARIABLE_PASSED("agent-variable-passed", WARNING, "An agent or bus address is passed"),
    SECRET_VARIABLE_PASSED("secret-variable-passed", WARNING, "A secret is passed in the environment"),
    CREDENTIAL_IN_ENVIRONMENT("credential-in-environment", ERROR, "A credential is in the environment");

    private final String id;
    private final Severity severity;
    private final String title;

    LintRule(String id, Severity severity, String title) {
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    /** The stable, kebab-case id, such as {@code home-writable}. */
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** A few words for a heading, such as "The home folder is writable". */
    public String title() {
        return title;
    }

    /** The rule with this id, if there is one. */
    public static Optional<LintRule> byId(String id) {
        for (LintRule rule : values()) {
            if (rule.id.equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The rules a finding of this rule makes redundant when both concern the same path rule. */
    List<LintRule> makesRedundant() {
        List<LintRule> everyWrite = List.of(HOME_WRITABLE, SHELL_STARTUP_WRITABLE, AUTOSTART_WRITABLE,
                PATH_DIRECTORY_WRITABLE, SSH_WRITABLE, GIT_HOOKS_WRITABLE, GIT_CONFIG_WRITABLE,
                KERNEL_FILESYSTEM_WRITABLE, TERMINALS_WRITABLE, IOCTL_ALL_DEVICES, WRITE_AND_EXECUTE, LINK_WIDENS,
                BROAD_RULE, SECRETS_READABLE, UNIX_SOCKET_GRANTED);
        return switch (this) {
            case ROOT_WRITABLE -> everyWrite;
            case HOME_WRITABLE -> everyWrite.subList(1, everyWrite.size());
            case KERNEL_FILESYSTEM_WRITABLE -> List.of(TERMINALS_WRITABLE, IOCTL_ALL_DEVICES, LINK_WIDENS, BROAD_RULE);
            case LINK_WIDENS -> List.of(BROAD_RULE);
            default -> List.of();
        };
    }

    /**
     * The narrower rules whose attack a finding of this rule states in its own words (home-writable names ~/.bashrc,
     * autostart and ~/.ssh): accepting it accepts them for the same path rule. The other redundant ones (keys read,
     * a checkout's hooks, write and execute) stay open when this finding is accepted.
     */
    List<LintRule> says() {
        List<LintRule> startUp = List.of(SHELL_STARTUP_WRITABLE, AUTOSTART_WRITABLE, PATH_DIRECTORY_WRITABLE,
                SSH_WRITABLE, GIT_CONFIG_WRITABLE);
        return switch (this) {
            case ROOT_WRITABLE -> Stream.concat(Stream.of(HOME_WRITABLE), startUp.stream()).toList();
            case HOME_WRITABLE -> startUp;
            default -> List.of();
        };
    }
}
