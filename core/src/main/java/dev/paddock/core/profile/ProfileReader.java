package dev.paddock.core.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PortUse;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.seccomp.SeccompRule;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a profile document with Jackson's streaming parser, so that every error names the field and its line and
 * column. Unknown fields, wrong types and bad values are errors; nothing is guessed.
 */
public final class ProfileReader {
    private final JsonParser parser;
    private final String source;

    private ProfileReader(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** Parses {@code json}; {@code source} (usually the file name) starts every error message. */
    public static Profile read(String json, String source) throws ProfileException {
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        try (JsonParser parser = factory.createParser(json)) {
            ProfileReader reader = new ProfileReader(parser, source);
            Profile profile = reader.document();
            if (parser.nextToken() != null) {
                throw reader.error("there is more after the end of the profile", parser.currentTokenLocation());
            }
            return profile;
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field")) {
                message = "the field " + message.substring(message.indexOf('\'')).replace('\'', '"')
                        .replaceFirst("\"$", "\" appears twice");
            } else {
                message = "this is not valid JSON: " + firstSentence(message);
            }
            throw located(source, message, at.getLineNr(), at.getColumnNr());
        } catch (IOException e) {
            throw new ProfileException(source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String firstSentence(String message) {
        String first = message.split("\n")[0].replaceAll(" \\(start marker at \\[Source.*?]\\)", "");
        int at = first.indexOf(" at [Source");
        // the parser's words, said as a person would: no character codes, no list of JSON's token kinds
        return (at > 0 ? first.substring(0, at) : first).replaceAll("\\s+$", "")
                .replaceAll("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)", "unexpected '$1'")
                .replaceAll("Unrecognized token '(.*?)'", "unexpected '$1'")
                .replace("expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or "
                        + "'false')", "a value was expected (text in quotes, a number, [...], {...}, true, false or null)")
                .replace("was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                        "a value was expected (text in quotes, a number, [...], {...}, true, false or null)")
                .replace("Unexpected end-of-input: expected close marker for Object", "the file ends before the "
                        + "closing }")
                .replace("Unexpected end-of-input: expected close marker for Array", "the file ends before the "
                        + "closing ]");
    }

    private ProfileException error(String message, JsonLocation at) {
        int line = Math.max(1, at.getLineNr());
        int column = Math.max(1, at.getColumnNr());
        return located(source, message, line, column);
    }

    /** "p.json: line 4, column 3: unknown field ...": where first, so that the sentence reads on to its end. */
    private static ProfileException located(String source, String message, int line, int column) {
        return new ProfileException(source + ": line " + line + ", column " + column + ": " + message, line, column);
    }

    private ProfileException typeError(String field, String expected) {
        return error("the field \"" + field + "\" must be " + expected + ", not " + describe(parser.currentToken()),
                parser.currentTokenLocation());
    }

    private ProfileException itemError(String field, String expected) {
        return error("the items of \"" + field + "\" must be " + expected + ", not " + describe(parser.currentToken()),
                parser.currentTokenLocation());
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    private Profile document() throws IOException, ProfileException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw error("a profile must be a JSON object, not " + describe(parser.currentToken()),
                    parser.currentTokenLocation());
        }
        JsonLocation start = parser.currentTokenLocation();
        Integer version = null;
        Integer abi = null;
        JsonLocation abiAt = null;
        String name = null;
        String description = "";
        String notes = "";
        Policy.Builder policy = Policy.builder();
        Map<String, PathRuleAt> pathsSeen = new HashMap<>();
        List<Acknowledgement> acknowledged = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonLocation fieldAt = parser.currentTokenLocation();
            parser.nextToken();
            switch (field) {
                case "formatVersion" -> version = formatVersion();
                case "abi" -> {
                    abiAt = parser.currentTokenLocation();
                    abi = abi();
                }
                case "name" -> name = string(field);
                case "description" -> description = string(field);
                case "notes" -> notes = string(field);
                case "command" -> policy.command(commandWords());
                case "workingDirectory" -> policy.workingDirectory(workingDirectory());
                case "environment" -> environment(policy);
                case "paths" -> paths(policy, pathsSeen);
                case "bindTcp" -> ports(field, PortUse.BIND).forEach(policy::bindTcp);
                case "connectTcp" -> ports(field, PortUse.CONNECT).forEach(policy::connectTcp);
                case "bindUdp" -> ports(field, PortUse.BIND).forEach(policy::bindUdp);
                case "connectUdp" -> ports(field, PortUse.CONNECT).forEach(policy::connectUdp);
                case "quietPorts" -> ports(field, PortUse.BIND).forEach(policy::quietPorts);
                case "scopes" -> policy.scopes(ids(field, Scope.class));
                case "unrestrictedFilesystem" -> policy.unrestrictedFilesystem(bool(field));
                case "unrestrictedNetwork" -> policy.unrestrictedNetwork(bool(field));
                case "ignoreMissing" -> policy.ignoreMissing(bool(field));
                case "addExec" -> policy.addExec(bool(field));
                case "ldd" -> policy.ldd(bool(field));
                case "auditFlags" -> ids(field, AuditFlag.class).forEach(policy::auditFlag);
                case "compatibility" -> policy.compatibility(compatibility());
                case "hardening" -> hardening(field).forEach(policy::harden);
                case "acknowledged" -> acknowledged(acknowledged);
                default -> throw error("unknown field \"" + field + "\" (known fields: "
                        + String.join(", ", ProfileWriter.FIELDS) + ")", fieldAt);
            }
        }
        if (version == null) {
            throw error("the field \"formatVersion\" is missing (this Paddock writes " + Profile.FORMAT_VERSION + ")",
                    start);
        }
        if (name == null || name.isBlank()) {
            throw error("the field \"name\" is missing or empty", start);
        }
        if (version == 1) {
            if (abi != null) {
                throw error("the field \"abi\" needs formatVersion 2 (formatVersion 1 profiles were written for ABI "
                        + Profile.VERSION_1_ABI + ")", abiAt);
            }
            abi = Profile.VERSION_1_ABI;
        } else if (abi == null) {
            throw error("the field \"abi\" is missing: the Landlock ABI the profile was written for, 1 to "
                    + Abi.LATEST, start);
        }
        policy.abi(abi);
        try {
            return new Profile(name, description, notes, policy.build(), acknowledged);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), start);
        }
    }

    private int formatVersion() throws IOException, ProfileException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw typeError("formatVersion", "a whole number");
        }
        int version = parser.getIntValue();
        if (version > Profile.FORMAT_VERSION) {
            throw error("formatVersion " + version + " was written by a newer Paddock; this one reads up to "
                    + Profile.FORMAT_VERSION, parser.currentTokenLocation());
        }
        if (version < 1) {
            throw error("formatVersion " + version + " does not exist; the first format is 1",
                    parser.currentTokenLocation());
        }
        return version;
    }

    private int abi() throws IOException, ProfileException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw typeError("abi", "a whole number");
        }
        long abi = parser.getLongValue();
        if (abi > Abi.LATEST) {
            throw error("the profile was written for Landlock ABI " + parser.getText() + ", which this Paddock does "
                    + "not know (it knows up to " + Abi.LATEST + "): update Paddock", parser.currentTokenLocation());
        }
        if (abi < 1) {
            throw error("Landlock ABI " + parser.getText() + " does not exist; the first is 1",
                    parser.currentTokenLocation());
        }
        return (int) abi;
    }

    private String string(String field) throws IOException, ProfileException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw typeError(field, "a string");
        }
        return parser.getText();
    }

    private String nullableString(String field) throws IOException, ProfileException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : string(field);
    }

    private boolean bool(String field) throws ProfileException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw typeError(field, "true or false");
        }
        return token == JsonToken.VALUE_TRUE;
    }

    private void startArray(String field, String of) throws ProfileException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw typeError(field, "an array of " + of);
        }
    }

    private List<String> strings(String field) throws IOException, ProfileException {
        startArray(field, "strings");
        List<String> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw itemError(field, "strings");
            }
            values.add(parser.getText());
        }
        return values;
    }

    /** A value the profile refuses because of a control character: the sentence, where the value is. */
    private void check(String field, String problem) throws ProfileException {
        if (problem != null) {
            throw error("in \"" + field + "\", " + problem, parser.currentTokenLocation());
        }
    }

    private List<String> commandWords() throws IOException, ProfileException {
        startArray("command", "strings");
        List<String> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw itemError("command", "strings");
            }
            check("command", ControlCharacters.commandProblem(parser.getText()));
            values.add(parser.getText());
        }
        return values;
    }

    private String workingDirectory() throws IOException, ProfileException {
        String directory = nullableString("workingDirectory");
        if (directory != null) {
            check("workingDirectory", ControlCharacters.workingDirectoryProblem(directory));
        }
        return directory;
    }

    private void environment(Policy.Builder policy) throws IOException, ProfileException {
        startArray("environment", "\"NAME\" or \"NAME=value\" strings");
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw itemError("environment", "\"NAME\" or \"NAME=value\" strings");
            }
            EnvVar variable;
            try {
                variable = EnvVar.parse(parser.getText());
            } catch (IllegalArgumentException e) {
                throw error("in \"environment\", " + e.getMessage(), parser.currentTokenLocation());
            }
            check("environment", ControlCharacters.environmentProblem(variable.name(), variable.value()));
            policy.env(variable);
        }
    }

    private List<Integer> ports(String field, PortUse use) throws IOException, ProfileException {
        startArray(field, "port numbers");
        List<Integer> ports = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw itemError(field, "port numbers");
            }
            long port = parser.getLongValue();
            if (!use.accepts(port)) {
                throw error("the port " + parser.getText() + " in \"" + field + "\" " + use.rangeProblem(),
                        parser.currentTokenLocation());
            }
            ports.add((int) port);
        }
        return ports;
    }

    private <E extends Enum<E> & dev.paddock.core.landlock.AccessRight> Set<E> ids(String field, Class<E> kind)
            throws IOException, ProfileException {
        startArray(field, "names");
        Set<E> values = EnumSet.noneOf(kind);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw itemError(field, "names");
            }
            E value = dev.paddock.core.landlock.AccessRight.byId(kind, parser.getText());
            if (value == null) {
                throw error("unknown name \"" + parser.getText() + "\" in \"" + field + "\": use " + idsOf(kind),
                        parser.currentTokenLocation());
            }
            values.add(value);
        }
        return values;
    }

    private Set<SeccompRule> hardening(String field) throws IOException, ProfileException {
        startArray(field, "names");
        Set<SeccompRule> rules = EnumSet.noneOf(SeccompRule.class);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw itemError(field, "names");
            }
            String id = parser.getText();
            rules.add(SeccompRule.hardening(id).orElseThrow(() -> error("unknown name \"" + id + "\" in \"" + field
                    + "\": use " + String.join(", ", SeccompRule.hardeningIds()), parser.currentTokenLocation())));
        }
        return rules;
    }

    private static <E extends Enum<E> & dev.paddock.core.landlock.AccessRight> String idsOf(Class<E> kind) {
        List<String> ids = new ArrayList<>();
        for (E value : kind.getEnumConstants()) {
            ids.add(value.id());
        }
        return String.join(", ", ids);
    }

    private Compatibility compatibility() throws IOException, ProfileException {
        String value = string("compatibility");
        return switch (value) {
            case "best-effort" -> Compatibility.BEST_EFFORT;
            case "strict" -> Compatibility.STRICT;
            default -> throw error("unknown compatibility \"" + value + "\": use best-effort or strict",
                    parser.currentTokenLocation());
        };
    }

    /** "acknowledged": [{"lint": ID, "concerns": SUBJECT, "reason": WHY}, ...]. */
    private void acknowledged(List<Acknowledgement> into) throws IOException, ProfileException {
        startArray("acknowledged", "{\"lint\": ..., \"reason\": ...} objects");
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw itemError("acknowledged", "{\"lint\": ..., \"reason\": ...} objects");
            }
            JsonLocation at = parser.currentTokenLocation();
            String lint = null;
            String concerns = null;
            String reason = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonLocation fieldAt = parser.currentTokenLocation();
                parser.nextToken();
                switch (field) {
                    case "lint" -> lint = string("lint");
                    case "concerns" -> concerns = string("concerns");
                    case "reason" -> reason = string("reason");
                    default -> throw error("unknown field \"" + field + "\" in an acknowledged lint finding (known "
                            + "fields: lint, concerns, reason)", fieldAt);
                }
            }
            if (lint == null) {
                throw error("an acknowledged lint finding has no \"lint\" (the id of the lint rule)", at);
            }
            String text = (reason == null ? "" : reason) + (concerns == null ? "" : concerns);
            if (text.codePoints().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)) {
                throw error("the acknowledged lint finding " + lint + " holds a control character, which its "
                        + "reason and what it concerns may not hold", at);
            }
            try {
                into.add(new Acknowledgement(lint, concerns, reason));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage(), at);
            }
        }
    }

    private record PathRuleAt(PathAccess access, int line) {
    }

    private void paths(Policy.Builder policy, Map<String, PathRuleAt> seen) throws IOException, ProfileException {
        startArray("paths", "path rules");
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw itemError("paths", "{\"path\": ..., \"mode\": ...} objects");
            }
            JsonLocation ruleAt = parser.currentTokenLocation();
            String path = null;
            PathAccess access = null;
            boolean quiet = false;
            boolean optional = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonLocation fieldAt = parser.currentTokenLocation();
                parser.nextToken();
                switch (field) {
                    case "path" -> {
                        path = string("path");
                        if (path.isBlank()) {
                            throw error("a path rule has an empty \"path\"", parser.currentTokenLocation());
                        }
                        check("paths", ControlCharacters.pathProblem(path));
                    }
                    case "mode" -> {
                        if (access != null) {
                            throw error("a path rule has both \"mode\" and \"rights\": give one", fieldAt);
                        }
                        String label = string("mode");
                        access = AccessMode.byLabel(label);
                        if (access == null) {
                            throw error("unknown mode \"" + label + "\": use ro, rox, rw or rwx",
                                    parser.currentTokenLocation());
                        }
                    }
                    case "rights" -> {
                        if (access != null) {
                            throw error("a path rule has both \"mode\" and \"rights\": give one", fieldAt);
                        }
                        Set<FsAccess> rights = ids("rights", FsAccess.class);
                        if (rights.isEmpty()) {
                            throw error("a path rule's \"rights\" is empty: give at least one right", fieldAt);
                        }
                        access = new RightSet(rights);
                    }
                    case "quiet" -> quiet = bool("quiet");
                    case "optional" -> optional = bool("optional");
                    default -> throw error("unknown field \"" + field + "\" in a path rule (known fields: path, "
                            + "mode, rights, quiet, optional)", fieldAt);
                }
            }
            if (path == null) {
                throw error("a path rule has no \"path\"", ruleAt);
            }
            if (access == null) {
                throw error("the path rule for \"" + path + "\" needs a \"mode\" or \"rights\"", ruleAt);
            }
            PathRuleAt previous = seen.get(path);
            if (previous != null && !previous.access().equals(access)) {
                throw error("the path \"" + path + "\" is listed twice with different access (" + previous.access()
                        .label() + " at line " + previous.line() + ", " + access.label() + " here)", ruleAt);
            }
            seen.put(path, new PathRuleAt(access, ruleAt.getLineNr()));
            policy.rule(new PathRule(path, access, quiet, optional));
        }
    }
}
