package dev.paddock.core.interop;

import dev.paddock.core.interop.LandrunCommandLine.RunRequest;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.Profile;

import java.util.ArrayList;
import java.util.List;

/**
 * A pasted landrun command line (0.1.15 to 0.1.18) as a profile. It is split as a shell would split it, but nothing
 * is run or expanded; a leading {@code landrun}, path to it, or {@code paddock run} is skipped. Without
 * {@code --best-effort} the profile is strict, as landrun is. A landrun line is written for the ABI landrun restricts
 * ({@link LandrunCommandLine#LANDRUN_ABI}), so the profile allows what landrun allows (UDP among them) until it is
 * upgraded; a {@code paddock run} line keeps its {@code --abi}, by default the newest.
 */
public final class LandrunImporter {

    private LandrunImporter() {
    }

    /** @throws IllegalArgumentException with one sentence naming the problem */
    public static Import parse(String line) {
        List<String> words = new ArrayList<>(ShellWords.split(line.strip()));
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the landrun line is empty");
        }
        String first = words.get(0);
        boolean paddock = false;
        if (first.equals("landrun") || first.endsWith("/landrun")) {
            words.remove(0);
        } else if (first.equals("paddock") || first.endsWith("/paddock")) {
            paddock = true;
            words.remove(0);
            if (words.isEmpty() || !words.get(0).equals("run")) {
                throw new IllegalArgumentException("only \"paddock run\" lines can be imported");
            }
            words.remove(0);
        }
        RunRequest request = LandrunCommandLine.parse(words, null);
        if (request.help()) {
            throw new IllegalArgumentException("the line asks for --help, not for a sandbox");
        }
        if (request.profile() != null) {
            throw new IllegalArgumentException("--profile names a saved profile: open that file instead of "
                    + "importing the line");
        }
        List<String> warnings = new ArrayList<>();
        if (request.dryRun() || request.allowUnsandboxed()) {
            warnings.add("--dry-run and --allow-unsandboxed are choices for one run and are not kept in a profile");
        }
        Policy policy = request.policy();
        if (!request.compatibilityGiven()) {
            policy = policy.toBuilder().compatibility(Compatibility.STRICT).build();
        }
        if (!paddock && !request.abiGiven() && !policy.hasUdpPorts()) {
            // landrun restricts what its ABI knows, and no more: UDP stays allowed, as it does under landrun
            policy = policy.withAbi(LandrunCommandLine.LANDRUN_ABI);
        }
        String problem = ControlCharacters.problem(policy);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String program = policy.command().get(0);
        String name = program.substring(program.lastIndexOf('/') + 1) + " (imported)";
        return new Import(new Profile(name, "Imported from a landrun command line.", "", policy), warnings);
    }
}
