package dev.paddock.core.interop;

import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings of a format that has no quiet flag (its rules are all ordinary, so their denials are logged), or
 * no optional rule (only all or none of the rules may be skipped when their path is missing).
 */
final class Quiet {

    private Quiet() {
    }

    static void warn(String format, Policy policy, List<String> warnings) {
        if (!policy.hasQuietRules()) {
            return;
        }
        List<String> rules = new ArrayList<>(policy.paths().stream().filter(PathRule::quiet).map(PathRule::path)
                .toList());
        policy.quietPorts().forEach(port -> rules.add("port " + port));
        warnings.add(format + " has no quiet flag: the quiet rules (" + String.join(", ", rules) + ") are exported "
                + "as ordinary rules, whose denials are logged");
    }

    /**
     * A format that cannot skip one missing path refuses to run where Paddock skips it: the export is never wider,
     * but it can fail where the profile runs.
     *
     * @param allOrNone how the format skips every missing path, or null when it cannot
     */
    static void warnOptional(String format, String allOrNone, Policy policy, List<String> warnings) {
        if (policy.ignoreMissing() || policy.unrestrictedFilesystem()) {
            return;
        }
        List<String> optional = policy.paths().stream().filter(PathRule::optional).map(PathRule::path).toList();
        if (!optional.isEmpty()) {
            warnings.add(format + " cannot make one rule optional: where " + String.join(", ", optional)
                    + " is missing, the export fails instead of skipping it"
                    + (allOrNone == null ? "" : " (" + allOrNone + " skips every missing path)"));
        }
    }
}
