package dev.paddock.app.model;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.CreateFlag;
import dev.paddock.core.landlock.Erratum;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.RestrictFlag;
import dev.paddock.core.landlock.RuleFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.RightSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * This kernel as the window tells it: its release and Landlock ABI, the status bar's feature areas, every right with
 * whether it is enforced here and what it needs when not, the errata, and the help's lists. The views show these
 * words and never ask the kernel layer themselves.
 */
public final class KernelModel {

    /** A feature area of the status bar: its name, whether this kernel has it all, and the tooltip that says so. */
    public record Area(String name, boolean enforced, String tip) {
    }

    /** A heading of the help pane and the rights under it. */
    public record HelpSection(String heading, List<Right> rights) {
    }

    private final LandlockSupport support;

    public KernelModel(LandlockSupport support) {
        this.support = support;
    }

    /** What was detected, for the view models that compile and launch. */
    public LandlockSupport support() {
        return support;
    }

    /** The kernel's release, such as 6.18.4. */
    public String kernelRelease() {
        return support.kernelRelease();
    }

    /** Whether Landlock can be used here at all. */
    public boolean available() {
        return support.available();
    }

    /** "Landlock ABI 7 on Linux 6.18.4", or why there is no Landlock. */
    public String summary() {
        return support.summary();
    }

    /** Why Landlock cannot be used here, in one sentence; meaningful only when it is not {@link #available()}. */
    public String unavailableReason() {
        return support.status().sentence();
    }

    /** The status bar's badge: "Landlock ABI 7" or "No Landlock". */
    public String abiBadge() {
        return support.available() ? "Landlock ABI " + support.abi() : "No Landlock";
    }

    /** The status bar's areas, in order, each with whether this kernel restricts it and why not. */
    public List<Area> areas() {
        List<Area> areas = new ArrayList<>();
        area(areas, "filesystem", Feature.FILESYSTEM);
        area(areas, "TCP", Feature.TCP);
        area(areas, "scopes", Feature.SCOPES);
        area(areas, "audit", Feature.AUDIT_FLAGS);
        area(areas, "unix sockets", Feature.RESOLVE_UNIX);
        area(areas, "UDP", Feature.UDP);
        return List.copyOf(areas);
    }

    private void area(List<Area> areas, String name, Feature feature) {
        boolean here = support.has(feature);
        areas.add(new Area(name, here, here ? name + " can be restricted here (ABI " + feature.abi() + ")"
                : name + " cannot be restricted here: " + (feature.availableOn(support.abi())
                ? "this kernel lacks part of it" : "needs " + feature.requirement())));
    }

    /** Every right, scope and flag Paddock knows, by kind: the kernel panel's rows. */
    public List<Right> matrix() {
        List<Right> rights = new ArrayList<>();
        rights.addAll(rights(FsAccess.values()));
        rights.addAll(rights(NetAccess.values()));
        rights.addAll(rights(Scope.values()));
        rights.addAll(rights(AuditFlag.values()));
        rights.addAll(rights(RestrictFlag.values()));
        rights.addAll(rights(RuleFlag.values()));
        rights.addAll(rights(CreateFlag.values()));
        return List.copyOf(rights);
    }

    /** The help pane's headings and the rights under each. */
    public List<HelpSection> help() {
        List<Right> other = new ArrayList<>(rights(RestrictFlag.values()));
        other.addAll(rights(RuleFlag.values()));
        other.addAll(rights(CreateFlag.values()));
        return List.of(new HelpSection("Filesystem rights", rights(FsAccess.values())),
                new HelpSection("Network rights", rights(NetAccess.values())),
                new HelpSection("Scopes", rights(Scope.values())),
                new HelpSection("Audit flags", rights(AuditFlag.values())),
                new HelpSection("Other flags", List.copyOf(other)));
    }

    /** The errata this kernel reports fixed, each by number and title, or why it reports none; "" without Landlock. */
    public String errata() {
        if (!support.available()) {
            return "";
        }
        if (!support.answersErrata()) {
            return "Errata: this kernel does not answer the errata query.";
        }
        StringBuilder text = new StringBuilder("Errata fixed in this kernel:");
        for (Erratum erratum : Erratum.values()) {
            text.append("\n  ").append(erratum.number()).append(' ').append(erratum.title())
                    .append(support.fixed(erratum) ? " (yes)" : " (not reported)");
        }
        return text.toString();
    }

    /** The filesystem rights, for the custom-rights dialog. */
    public List<Right> filesystemRights() {
        return rights(FsAccess.values());
    }

    /** The IPC scopes. */
    public List<Right> scopes() {
        return rights(Scope.values());
    }

    /** The audit flags. */
    public List<Right> auditFlags() {
        return rights(AuditFlag.values());
    }

    /** Binding TCP ports. */
    public Right bindTcp() {
        return new Right(NetAccess.BIND_TCP, support);
    }

    /** Connecting to TCP ports. */
    public Right connectTcp() {
        return new Right(NetAccess.CONNECT_TCP, support);
    }

    /** Binding UDP ports. */
    public Right bindUdp() {
        return new Right(NetAccess.BIND_UDP, support);
    }

    /** Connecting and sending to UDP ports. */
    public Right sendUdp() {
        return new Right(NetAccess.CONNECT_SEND_UDP, support);
    }

    /** The rule flag that keeps denials under a rule out of the audit log. */
    public Right quiet() {
        return new Right(RuleFlag.QUIET, support);
    }

    /** Whether this kernel restricts TCP. */
    public boolean restrictsTcp() {
        return support.has(Feature.TCP);
    }

    /** "ABI 4 (Linux 6.7)": what restricting TCP needs. */
    public String tcpNeeds() {
        return Feature.TCP.requirement();
    }

    /** What restricting UDP needs. */
    public String udpNeeds() {
        return Feature.UDP.requirement();
    }

    /** "ABI 3 (Linux 6.2)": how the window names an ABI a profile is written for. */
    public static String describeAbi(int abi) {
        return Abi.describe(abi);
    }

    /** Whether the right is among the rights a path's access gives a folder. */
    public static boolean grants(PathAccess access, Right right) {
        return access.rightsFor(true).contains(right.key());
    }

    /** The access made of exactly these filesystem rights, or null for none. */
    public static PathAccess customAccess(Collection<Right> chosen) {
        EnumSet<FsAccess> rights = EnumSet.noneOf(FsAccess.class);
        for (Right right : chosen) {
            if (right.key() instanceof FsAccess access) {
                rights.add(access);
            }
        }
        return rights.isEmpty() ? null : new RightSet(rights);
    }

    private List<Right> rights(AccessRight[] values) {
        List<Right> rights = new ArrayList<>(values.length);
        for (AccessRight right : values) {
            rights.add(new Right(right, support));
        }
        return List.copyOf(rights);
    }
}
