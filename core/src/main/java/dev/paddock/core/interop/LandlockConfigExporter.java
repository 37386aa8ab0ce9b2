package dev.paddock.core.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A profile as landlockconfig JSON, the Landlock maintainers' format: "abi" is the ABI the profile was written for,
 * then one ruleset with the handled rights (those of that ABI) spelled out, a pathBeneath entry per distinct right set, a netPort entry per network right. UDP is named as the kernel
 * names it (bind_udp, connect_send_udp), which the landlockconfig schema of the time does not list yet: a
 * landlockconfig that does not know them refuses the file rather than reading it wider. Rights are written one by one, not
 * as abi.* groups, so the file means the same on every kernel. Only the sandbox is exported: landlockconfig has no
 * command, environment or compatibility level.
 */
public final class LandlockConfigExporter {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** Thread-safe once configured; made once, since the app exports on every edit. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LandlockConfigExporter() {
    }

    public static Export export(Profile profile, Map<String, String> environment) {
        Policy policy = profile.policy();
        List<String> warnings = new ArrayList<>();
        ObjectNode root = MAPPER.createObjectNode();

        root.put("abi", policy.abi());
        EnumSet<FsAccess> handledFs = EnumSet.noneOf(FsAccess.class);
        if (!policy.unrestrictedFilesystem()) {
            handledFs.addAll(Abi.filesystemRights(policy.abi()));
        }
        if (handledFs.remove(FsAccess.RESOLVE_UNIX)) {
            warnings.add("landlockconfig cannot name resolve_unix (ABI " + FsAccess.RESOLVE_UNIX.abi() + "): the export leaves connecting to pathname "
                    + "UNIX sockets unrestricted");
        }
        Set<String> variables = new TreeSet<>();
        Map<Set<FsAccess>, List<String>> byRights = new LinkedHashMap<>();
        if (!policy.unrestrictedFilesystem()) {
            for (PathRule rule : policy.paths()) {
                EnumSet<FsAccess> rights = EnumSet.copyOf(rule.access().rightsFor(!isRegularFile(rule.path())));
                rights.remove(FsAccess.RESOLVE_UNIX);
                rights.retainAll(Abi.filesystemRights(policy.abi()));
                if (rights.isEmpty()) {
                    warnings.add(rule.path() + ": its only right, resolve_unix, cannot be exported and is dropped");
                    continue;
                }
                byRights.computeIfAbsent(rights, r -> new ArrayList<>()).add(rule.path());
                Matcher matcher = VARIABLE.matcher(rule.path());
                while (matcher.find()) {
                    variables.add(matcher.group(1));
                }
            }
        }
        if (!variables.isEmpty()) {
            ArrayNode list = root.putArray("variable");
            for (String name : variables) {
                String value = environment.get(name);
                if (value == null) {
                    warnings.add("${" + name + "} is not set here, so the export cannot define it");
                    continue;
                }
                ObjectNode variable = list.addObject();
                variable.put("name", name);
                variable.putArray("literal").add(value);
                warnings.add("${" + name + "} is defined as " + value + ", its value on this machine");
            }
        }
        ObjectNode ruleset = root.putArray("ruleset").addObject();
        if (!handledFs.isEmpty()) {
            ids(ruleset.putArray("handledAccessFs"), handledFs);
        }
        Set<NetAccess> handledNet = policy.unrestrictedNetwork() ? Set.of() : Abi.networkRights(policy.abi());
        if (!handledNet.isEmpty()) {
            ids(ruleset.putArray("handledAccessNet"), handledNet);
        }
        Set<Scope> scoped = EnumSet.noneOf(Scope.class);
        scoped.addAll(policy.scopes());
        scoped.retainAll(Abi.scopes(policy.abi()));
        if (!scoped.isEmpty()) {
            ids(ruleset.putArray("scoped"), scoped);
        }
        if (ruleset.isEmpty()) {
            root.remove("ruleset");
            warnings.add("the profile restricts nothing, and landlockconfig cannot say that: the export is empty");
        }
        if (!byRights.isEmpty()) {
            ArrayNode paths = root.putArray("pathBeneath");
            byRights.forEach((rights, parents) -> {
                ObjectNode entry = paths.addObject();
                ids(entry.putArray("allowedAccess"), rights);
                ArrayNode parent = entry.putArray("parent");
                new LinkedHashSet<>(parents).forEach(parent::add);
            });
        }
        if (!handledNet.isEmpty() && !(policy.bindTcp().isEmpty() && policy.connectTcp().isEmpty()
                && !(policy.hasUdpPorts() && handledNet.contains(NetAccess.BIND_UDP)))) {
            ArrayNode ports = root.putArray("netPort");
            portEntry(ports, NetAccess.BIND_TCP, policy.bindTcp());
            portEntry(ports, NetAccess.CONNECT_TCP, policy.connectTcp());
            if (handledNet.contains(NetAccess.BIND_UDP)) {
                portEntry(ports, NetAccess.BIND_UDP, policy.bindUdp());
                portEntry(ports, NetAccess.CONNECT_SEND_UDP, policy.connectUdp());
            }
        }
        if (!policy.environment().isEmpty() || !policy.command().isEmpty()) {
            warnings.add("landlockconfig describes only the sandbox: the command and its environment are not in it");
        }
        if (!policy.auditFlags().isEmpty()) {
            warnings.add("landlockconfig has no audit flags: they are not exported");
        }
        Quiet.warn("landlockconfig", policy, warnings);
        Quiet.warnOptional("landlockconfig", null, policy, warnings);
        try {
            return new Export(MAPPER.writeValueAsString(root) + "\n", warnings);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rule on an existing regular file gets only the rights valid on files; anything else, directory rights. */
    private static boolean isRegularFile(String path) {
        try {
            return !VARIABLE.matcher(path).find() && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static void portEntry(ArrayNode ports, NetAccess right, Set<Integer> values) {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode entry = ports.addObject();
        entry.putArray("allowedAccess").add(right.id());
        ArrayNode list = entry.putArray("port");
        values.forEach(list::add);
    }

    private static void ids(ArrayNode array, Set<? extends AccessRight> rights) {
        rights.forEach(right -> array.add(right.id()));
    }
}
