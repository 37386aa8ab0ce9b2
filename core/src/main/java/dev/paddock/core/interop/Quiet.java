package dev.paddock.core.interop;

import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;

import java.util.ArrayList;
import java.util.List;

/** The warning of a format that has no quiet flag: its rules are all ordinary, so their denials are logged. */
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
}
