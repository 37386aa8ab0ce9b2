package dev.paddock.core.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PortUse;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.Profile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * landlockconfig JSON as a profile: abi.* groups resolved for the file's "abi", ${name} variables expanded from
 * its "variable" literals, several ruleset entries merged, and the handled set inferred from the rules when there is
 * no ruleset. The profile is written for the config's "abi" (or the newest right it names). Paddock handles every
 * right that ABI knows in an area it restricts, so a config that handles only some rights of an area imports
 * narrower, and says so.
 */
public final class LandlockConfigImporter {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> TOP_LEVEL = Set.of("abi", "variable", "ruleset", "pathBeneath", "netPort");

    private final JsonNode root;
    private final Integer abi;
    private final Map<String, List<String>> variables = new HashMap<>();

    private LandlockConfigImporter(JsonNode root) {
        this.root = root;
        this.abi = root.has("abi") ? root.get("abi").asInt() : null;
    }

    /** @throws IllegalArgumentException with one sentence naming the problem */
    public static Import parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("this is not valid JSON: " + e.getOriginalMessage().split("\n")[0]
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a landlockconfig document must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw new IllegalArgumentException("unknown landlockconfig field \"" + name + "\"");
            }
        }
        if (root.has("abi") && (!root.get("abi").isInt() || root.get("abi").asInt() < 1)) {
            throw new IllegalArgumentException("\"abi\" must be a whole number from 1 up");
        }
        return new LandlockConfigImporter(root).convert();
    }

    private Import convert() {
        List<String> warnings = new ArrayList<>();
        for (JsonNode variable : array("variable")) {
            String name = text(variable, "name");
            List<String> values = new ArrayList<>();
            for (JsonNode literal : variable.path("literal")) {
                values.add(literal.asText());
            }
            variables.put(name, values);
        }
        EnumSet<FsAccess> handledFs = EnumSet.noneOf(FsAccess.class);
        EnumSet<NetAccess> handledNet = EnumSet.noneOf(NetAccess.class);
        EnumSet<Scope> scoped = EnumSet.noneOf(Scope.class);
        boolean hasRuleset = root.has("ruleset");
        for (JsonNode ruleset : array("ruleset")) {
            handledFs.addAll(fsRights(ruleset.path("handledAccessFs")));
            handledNet.addAll(netRights(ruleset.path("handledAccessNet")));
            for (JsonNode scope : ruleset.path("scoped")) {
                scoped.addAll(scopes(scope.asText()));
            }
        }
        Policy.Builder policy = Policy.builder().compatibility(Compatibility.BEST_EFFORT);
        for (JsonNode rule : array("pathBeneath")) {
            EnumSet<FsAccess> rights = fsRights(rule.path("allowedAccess"));
            if (rights.isEmpty()) {
                throw new IllegalArgumentException("a pathBeneath entry has no allowedAccess");
            }
            if (!hasRuleset) {
                handledFs.addAll(rights);
            }
            PathAccess access = accessFor(rights);
            for (JsonNode parent : rule.path("parent")) {
                for (String path : expand(parent.asText())) {
                    policy.path(path, access);
                }
            }
        }
        for (JsonNode rule : array("netPort")) {
            EnumSet<NetAccess> rights = netRights(rule.path("allowedAccess"));
            if (!hasRuleset) {
                handledNet.addAll(rights);
            }
            for (JsonNode port : rule.path("port")) {
                if (!port.canConvertToInt() || !PortUse.BIND.accepts(port.asInt())) {
                    throw new IllegalArgumentException("the port " + port + " " + PortUse.BIND.rangeProblem());
                }
                if (rights.contains(NetAccess.BIND_TCP)) {
                    policy.bindTcp(port.asInt());
                }
                if (rights.contains(NetAccess.BIND_UDP)) {
                    policy.bindUdp(port.asInt());
                }
                for (NetAccess connect : List.of(NetAccess.CONNECT_TCP, NetAccess.CONNECT_SEND_UDP)) {
                    if (!rights.contains(connect)) {
                        continue;
                    }
                    if (port.asInt() == 0) {
                        throw new IllegalArgumentException(connect.id() + " to port 0 means nothing");
                    }
                    if (connect == NetAccess.CONNECT_TCP) {
                        policy.connectTcp(port.asInt());
                    } else {
                        policy.connectUdp(port.asInt());
                    }
                }
            }
        }
        policy.unrestrictedFilesystem(handledFs.isEmpty());
        policy.unrestrictedNetwork(handledNet.isEmpty());
        policy.scopes(scoped);
        // written for the config's "abi", or for the newest right it names if that is newer: never for an ABI
        // that would leave one of its own rights out, and no newer, so that it restricts no more than it says
        int written = abi == null ? 1 : Math.min(abi, Abi.LATEST);
        for (Set<? extends AccessRight> rights : List.of(handledFs, handledNet, scoped)) {
            for (AccessRight right : rights) {
                written = Math.max(written, right.abi());
            }
        }
        policy.abi(written);
        EnumSet<FsAccess> unhandled = EnumSet.complementOf(handledFs);
        unhandled.retainAll(Abi.filesystemRights(written));
        unhandled.remove(FsAccess.RESOLVE_UNIX);
        if (!handledFs.isEmpty() && !unhandled.isEmpty()) {
            warnings.add("the config leaves " + ids(unhandled) + " unrestricted, but Paddock restricts every "
                    + "filesystem right: the profile denies those except where a rule allows them");
        }
        EnumSet<NetAccess> unhandledNet = EnumSet.complementOf(handledNet);
        unhandledNet.retainAll(Abi.networkRights(written));
        if (!handledNet.isEmpty() && !unhandledNet.isEmpty()) {
            warnings.add("the config leaves " + ids(unhandledNet) + " unrestricted, but Paddock restricts every "
                    + "network right: the profile denies " + (unhandledNet.size() == 1 ? "it" : "them")
                    + " except on the listed ports");
        }
        Policy built = policy.build();
        String problem = ControlCharacters.problem(built);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Profile profile = new Profile("landlockconfig (imported)", "Imported from landlockconfig JSON.", "", built);
        return new Import(profile, warnings);
    }

    private static PathAccess accessFor(EnumSet<FsAccess> rights) {
        for (AccessMode mode : AccessMode.values()) {
            if (mode.rightsFor(true).equals(rights)) {
                return mode;
            }
        }
        return new RightSet(rights);
    }

    private List<String> expand(String template) {
        Matcher matcher = VARIABLE.matcher(template);
        if (!matcher.find()) {
            return List.of(template.replace("$$", "$"));
        }
        String name = matcher.group(1);
        List<String> values = variables.get(name);
        if (values == null) {
            throw new IllegalArgumentException("the path \"" + template + "\" uses ${" + name
                    + "}, which the config does not define");
        }
        List<String> result = new ArrayList<>();
        for (String value : values) {
            result.addAll(expand(template.substring(0, matcher.start()) + value + template.substring(matcher.end())));
        }
        return result;
    }

    private Iterable<JsonNode> array(String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array");
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("a \"variable\" entry needs a \"" + field + "\" string");
        }
        return value.asText();
    }

    private EnumSet<FsAccess> fsRights(JsonNode names) {
        EnumSet<FsAccess> rights = EnumSet.noneOf(FsAccess.class);
        for (JsonNode node : names) {
            String name = node.asText();
            switch (name) {
                case "abi.all" -> rights.addAll(groupFs(name, EnumSet.allOf(FsAccess.class)));
                case "abi.read_execute" -> rights.addAll(groupFs(name, EnumSet.of(FsAccess.EXECUTE,
                        FsAccess.READ_FILE, FsAccess.READ_DIR, FsAccess.REFER)));
                case "abi.read_write" -> rights.addAll(groupFs(name,
                        EnumSet.complementOf(EnumSet.of(FsAccess.EXECUTE))));
                default -> {
                    FsAccess right = FsAccess.byId(name);
                    if (right == null) {
                        throw new IllegalArgumentException("unknown filesystem right \"" + name + "\"");
                    }
                    rights.add(right);
                }
            }
        }
        return rights;
    }

    private EnumSet<FsAccess> groupFs(String group, EnumSet<FsAccess> members) {
        if (abi == null) {
            throw new IllegalArgumentException("the group " + group + " needs an \"abi\" to say which rights it means");
        }
        members.retainAll(Abi.filesystemRights(Math.min(abi, Abi.LATEST)));
        return members;
    }

    private EnumSet<NetAccess> netRights(JsonNode names) {
        EnumSet<NetAccess> rights = EnumSet.noneOf(NetAccess.class);
        for (JsonNode node : names) {
            String name = node.asText();
            if (name.equals("abi.all")) {
                if (abi == null) {
                    throw new IllegalArgumentException("the group abi.all needs an \"abi\" to say which rights it means");
                }
                rights.addAll(Abi.networkRights(Math.min(abi, Abi.LATEST)));
                continue;
            }
            NetAccess right = AccessRight.byId(NetAccess.class, name);
            if (right == null) {
                throw new IllegalArgumentException("unknown network right \"" + name + "\"");
            }
            rights.add(right);
        }
        return rights;
    }

    private Set<Scope> scopes(String name) {
        if (name.equals("abi.all")) {
            if (abi == null) {
                throw new IllegalArgumentException("the group abi.all needs an \"abi\" to say which scopes it means");
            }
            return Abi.scopes(Math.min(abi, Abi.LATEST));
        }
        Scope scope = AccessRight.byId(Scope.class, name);
        if (scope == null) {
            throw new IllegalArgumentException("unknown scope \"" + name + "\"");
        }
        return EnumSet.of(scope);
    }

    private static String ids(Set<? extends AccessRight> rights) {
        return String.join(", ", rights.stream().map(AccessRight::id).toList());
    }
}
