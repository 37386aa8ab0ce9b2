package dev.paddock.core.interop;

import dev.paddock.core.policy.Policy;
import dev.paddock.core.seccomp.SeccompRule;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The warning an export to a launcher without Paddock's seccomp layer carries when the profile asks for hardening,
 * which that launcher cannot give. (What such a launcher always leaves open, the terminal, the session and Fast Open,
 * is said once in the docs and the app's export help, not on every export.)
 */
final class NoSeccompLayer {

    private NoSeccompLayer() {
    }

    static void warn(String launcher, Policy policy, List<String> warnings) {
        if (!policy.hardening().isEmpty()) {
            warnings.add(launcher + " has no seccomp layer, so the profile's hardening (" + policy.hardening().stream()
                    .map(SeccompRule::id).collect(Collectors.joining(", ")) + ") is lost; paddock run keeps it");
        }
    }
}
