package dev.paddock.core.profile;

import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} in the paths and the working directory of a profile: HOME, XDG_RUNTIME_DIR, PWD,
 * PROFILE_DIR (the folder of the profile file) and any environment variable. Commands are left alone, since their
 * words often carry shell syntax of their own.
 */
public final class PathVariables {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> values;

    private PathVariables(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The variables for a run: the environment, PWD as {@code currentDirectory}, PROFILE_DIR as the folder of
     * {@code profileFile} (when there is one).
     */
    public static PathVariables of(Map<String, String> environment, Path profileFile, Path currentDirectory) {
        Map<String, String> values = new HashMap<>(environment);
        values.put("PWD", currentDirectory.toAbsolutePath().toString());
        if (profileFile != null) {
            values.put("PROFILE_DIR", profileFile.toAbsolutePath().getParent().toString());
        }
        return new PathVariables(values);
    }

    /** The variables of this process. */
    public static PathVariables ofProcess(Path profileFile) {
        return of(System.getenv(), profileFile, Path.of(""));
    }

    /** Expands one path; an unknown variable is an error that names it. */
    public String expand(String text) throws ProfileException {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null || value.isEmpty()) {
                throw new ProfileException("the path \"" + text + "\" uses ${" + name + "}, which is not set here",
                        -1, -1);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** Whether a text holds a variable at all. */
    public static boolean hasVariables(String text) {
        return text != null && VARIABLE.matcher(text).find();
    }

    /** The profile's policy with every path and the working directory expanded. */
    public Policy expand(Policy policy) throws ProfileException {
        List<PathRule> rules = new ArrayList<>();
        for (PathRule rule : policy.paths()) {
            String expanded = expand(rule.path());
            if (hasVariables(rule.path()) && Path.of(expanded).normalize().toString().equals("/")) {
                // a ${PWD} rule run from / (a systemd unit, a script started from /) would cover the whole disk
                throw new ProfileException("the path \"" + rule.path() + "\" expands to / here, which would put its rule "
                        + "on the whole filesystem: run it from the folder it is meant for (set the profile's working "
                        + "directory, or WorkingDirectory= in a unit), or write the path out", -1, -1);
            }
            rules.add(rule.withPath(expanded));
        }
        Policy.Builder builder = policy.toBuilder().clearPaths().paths(rules);
        if (policy.workingDirectory() != null) {
            builder.workingDirectory(expand(policy.workingDirectory()));
        }
        return builder.build();
    }
}
