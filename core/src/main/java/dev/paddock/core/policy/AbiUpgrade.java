package dev.paddock.core.policy;

import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.Scope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What upgrading a policy from the ABI it was written for to a newer one changes: exactly the rights that become
 * denied (handled, so denied wherever no rule allows them). Rights of an area the policy leaves unrestricted, and
 * scopes it does not restrict, stay allowed and are not listed.
 *
 * @param from   the ABI the policy was written for
 * @param to     the ABI it would be written for
 * @param rights the rights that become denied, oldest ABI first
 */
public record AbiUpgrade(int from, int to, List<AccessRight> rights) {

    public AbiUpgrade {
        rights = List.copyOf(rights);
    }

    /** What upgrading {@code policy} to {@code to} denies; nothing when {@code to} is not newer. */
    public static AbiUpgrade of(Policy policy, int to) {
        List<AccessRight> rights = new ArrayList<>();
        if (!policy.unrestrictedFilesystem()) {
            rights.addAll(between(Abi.filesystemRights(to), policy.abi()));
        }
        if (!policy.unrestrictedNetwork()) {
            rights.addAll(between(Abi.networkRights(to), policy.abi()));
        }
        between(Abi.scopes(to), policy.abi()).stream().filter(policy.scopes()::contains).forEach(rights::add);
        rights.sort((a, b) -> a.abi() != b.abi() ? Integer.compare(a.abi(), b.abi())
                : Long.compare(a.bit(), b.bit()));
        return new AbiUpgrade(policy.abi(), to, rights);
    }

    /** The upgrade to the newest ABI this Paddock knows. */
    public static AbiUpgrade toLatest(Policy policy) {
        return of(policy, Abi.LATEST);
    }

    private static List<AccessRight> between(Set<? extends AccessRight> known, int from) {
        return known.stream().filter(right -> right.abi() > from).map(AccessRight.class::cast).toList();
    }

    /** Whether there is a newer ABI to upgrade to. */
    public boolean available() {
        return to > from;
    }

    /**
     * One sentence per right that becomes denied, with what allows it again: "UDP becomes denied (ABI 10, Linux
     * 7.2): allow the ports the command needs (connectUdp 53 for DNS)". The two UDP rights make one sentence.
     */
    public List<String> sentences() {
        Set<String> lines = new LinkedHashSet<>();
        boolean bothUdp = rights.contains(NetAccess.BIND_UDP) && rights.contains(NetAccess.CONNECT_SEND_UDP);
        for (AccessRight right : rights) {
            String since = " (" + Abi.describe(right.abi()).replace(" (Linux ", ", Linux ");
            if (right instanceof NetAccess net && net.udp()) {
                lines.add((bothUdp ? "UDP" : right.activity()) + " becomes denied" + since
                        + ": allow the ports the command needs (connectUdp 53 for DNS)");
            } else if (right instanceof NetAccess) {
                lines.add(right.activity() + " becomes denied" + since + ": allow the ports the command needs");
            } else if (right instanceof Scope) {
                lines.add(right.activity() + " becomes denied" + since);
            } else if (right == FsAccess.RESOLVE_UNIX) {
                lines.add(right.activity() + " becomes denied" + since + ": allow each socket the command needs "
                        + "with a resolve_unix rule");
            } else {
                lines.add(right.activity() + " becomes denied" + since + " except beneath rules that allow it");
            }
        }
        return new ArrayList<>(lines);
    }

    /**
     * What the upgrade restricts, in short, for a headline: "UDP" for the two UDP rights, else each right's id.
     *
     * @return the names, oldest ABI first, each once
     */
    public List<String> restrictedNames() {
        Set<String> names = new LinkedHashSet<>();
        rights.forEach(right -> names.add(right instanceof NetAccess net && net.udp() ? "UDP" : right.id()));
        return new ArrayList<>(names);
    }

    /** "Upgrade to ABI 11 (Linux 7.3)". */
    public String title() {
        return "Upgrade to " + Abi.describe(to);
    }

    /** A one-line summary for check and the app: what becomes denied, or that nothing does. */
    public String summary() {
        if (!available()) {
            return "written for " + Abi.describe(from) + ", the newest this Paddock knows";
        }
        return title() + ": " + (rights.isEmpty() ? "nothing becomes denied"
                : String.join("; ", sentences()));
    }
}
