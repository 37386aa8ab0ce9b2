package dev.paddock.core.lint;

import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.Policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks on the environment a profile gives the command: addresses of agents and buses, variables named like
 * secrets, and values that look like credentials (set in the profile, or passed from yours).
 */
final class EnvironmentChecks {

    /** Variables that hand the sandbox a way into a process outside it, and what that process does. */
    private static final Map<String, String> AGENTS = Map.of(
            "SSH_AUTH_SOCK", "ssh-agent (it logs in to your servers with your keys)",
            "DBUS_SESSION_BUS_ADDRESS", "the D-Bus session bus (systemd-run --user starts programs outside the "
                    + "sandbox through it)",
            "DBUS_SYSTEM_BUS_ADDRESS", "the D-Bus system bus (it asks system services to act)",
            "GPG_AGENT_INFO", "gpg-agent (it signs and decrypts with your keys)",
            "XAUTHORITY", "the X11 display's cookie (with it, a program reads your keystrokes and types into your "
                    + "windows)",
            "DOCKER_HOST", "the Docker daemon (it runs containers as root)");

    private static final List<String> SECRET_WORDS = List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE",
            "KEY", "CREDENTIAL", "CREDENTIALS");

    /** What credentials look like, each with its name. */
    private static final Map<String, Pattern> CREDENTIALS = Map.of(
            "a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})"),
            "a GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}"),
            "a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            "an AWS access key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
            "an API key", Pattern.compile("\\b(sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})"),
            "a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            "a JSON web token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
            "a password in a URL", Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^/:@\\s]+:[^/@\\s]+@"));

    private EnvironmentChecks() {
    }

    static void check(Policy policy, Map<String, String> caller, List<Finding> into) {
        for (EnvVar variable : policy.environment()) {
            String name = variable.name();
            Concern concern = new Concern(Concern.Kind.ENVIRONMENT, name);
            String value = variable.passes() ? caller.get(name) : variable.value();
            String credential = value == null ? null : credential(value);
            if (credential != null) {
                into.add(new Finding(LintRule.CREDENTIAL_IN_ENVIRONMENT, concern, "A program in the sandbox gets "
                        + credential + " in " + name + (variable.passes() ? "" : ", which the profile file holds "
                        + "in plain text,") + " and can use it wherever it can connect.", variable.passes()
                        ? "Remove " + name + " from the environment, or pass a credential with the least scope "
                        + "the command needs." : "Remove the value of " + name + " from the profile and pass it "
                        + "by name (\"" + name + "\") only when the command needs it."));
            } else if (AGENTS.containsKey(name)) {
                into.add(new Finding(LintRule.AGENT_VARIABLE_PASSED, concern, "A program in the sandbox learns "
                        + "from " + name + " where to reach " + AGENTS.get(name) + ", and can use it whenever it "
                        + "can connect.", "Remove " + name + " from the environment unless the command must use it."));
            } else if (secretName(name)) {
                into.add(new Finding(LintRule.SECRET_VARIABLE_PASSED, concern, "A program in the sandbox gets "
                        + "the secret in " + name + " and can send it wherever it can connect.", "Remove " + name
                        + " from the environment, or pass a secret with the least scope the command needs."));
            }
        }
    }

    /** Whether a name says it holds a secret: one of its words (split at _) is TOKEN, KEY, PASSWORD and the like. */
    static boolean secretName(String name) {
        for (String word : name.toUpperCase(Locale.ROOT).split("_")) {
            for (String secret : SECRET_WORDS) {
                if (word.equals(secret) || word.endsWith(secret) && word.length() > secret.length() + 2
                        && !secret.equals("KEY")) {
                    return true;
                }
            }
            if (word.equals("APIKEY")) {
                return true;
            }
        }
        return false;
    }

    /** What a value looks like, such as "a GitHub token", or null when it looks like no credential. */
    static String credential(String value) {
        return CREDENTIALS.entrySet().stream().filter(entry -> entry.getValue().matcher(value).find())
                .map(Map.Entry::getKey).sorted().findFirst().orElse(null);
    }
}
