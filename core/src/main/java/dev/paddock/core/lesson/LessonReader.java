package dev.paddock.core.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.CreateFlag;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.RestrictFlag;
import dev.paddock.core.landlock.RuleFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a lesson: its {@code lesson.json} and the two profiles beside it ({@code start.json}, {@code solution.json}).
 * Unknown fields, missing fields and wrong types are errors that name the lesson and the field; nothing is guessed.
 */
public final class LessonReader {
    private static final Set<String> LESSON_FIELDS = Set.of("title", "teaches", "text", "task", "hints", "fixtures",
            "services", "checks");
    private static final Set<String> CHECK_FIELDS = Set.of("kind", "says", "command", "prints", "path", "rights",
            "value", "feature", "bindTcp", "connectTcp", "onlyWithout");

    private static final Set<String> KNOWN_RIGHTS = Stream.of(FsAccess.values(), NetAccess.values(),
            Scope.values(), AuditFlag.values(), RestrictFlag.values(), RuleFlag.values(), CreateFlag.values())
            .flatMap(Arrays::stream).map(AccessRight::id).collect(Collectors.toUnmodifiableSet());

    private final String id;

    private LessonReader(String id) {
        this.id = id;
    }

    /**
     * Reads one lesson.
     *
     * @param id       the lesson's folder name
     * @param lesson   the text of its lesson.json
     * @param start    the text of its start.json
     * @param solution the text of its solution.json
     * @return the lesson
     * @throws LessonException when a file is malformed, with one sentence naming the file and the field
     */
    public static Lesson read(String id, String lesson, String start, String solution) throws LessonException {
        LessonReader reader = new LessonReader(id);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(lesson);
        } catch (JsonProcessingException e) {
            throw reader.error("lesson.json is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().split(" \\(start marker|\n")[0]);
        }
        if (root == null || !root.isObject()) {
            throw reader.error("lesson.json must hold one JSON object");
        }
        reader.onlyKnown(root, LESSON_FIELDS, "lesson.json");
        List<Check> checks = new ArrayList<>();
        JsonNode checkNodes = reader.array(root, "checks", true);
        for (int i = 0; i < checkNodes.size(); i++) {
            checks.add(reader.check(checkNodes.get(i), "check " + (i + 1)));
        }
        if (checks.isEmpty()) {
            throw reader.error("lesson.json has no checks: a lesson needs at least one");
        }
        List<Fixture> fixtures = new ArrayList<>();
        for (JsonNode node : reader.array(root, "fixtures", false)) {
            fixtures.add(reader.fixture(node));
        }
        List<String> teaches = reader.words(root, "teaches", "lesson.json");
        for (String right : teaches) {
            if (!KNOWN_RIGHTS.contains(right)) {
                throw reader.error("lesson.json teaches \"" + right + "\", which is not a right, scope or flag the "
                        + "kernel matrix lists");
            }
        }
        return new Lesson(id, reader.text(root, "title", true), teaches,
                reader.text(root, "text", true), reader.text(root, "task", true),
                reader.words(root, "hints", "lesson.json"), fixtures, reader.services(root.get("services")), checks,
                reader.profile(start, "start.json"), reader.profile(solution, "solution.json"));
    }

    private Profile profile(String json, String file) throws LessonException {
        try {
            return ProfileReader.read(json, "lesson " + id + ": " + file);
        } catch (ProfileException e) {
            throw new LessonException(e.getMessage(), e);
        }
    }

    private Check check(JsonNode node, String where) throws LessonException {
        if (!node.isObject()) {
            throw error(where + " must be an object");
        }
        onlyKnown(node, CHECK_FIELDS, where);
        String word = text(node, "kind", true, where);
        Check.Kind kind = Check.Kind.byWord(word);
        if (kind == null) {
            throw error(where + " has the unknown kind \"" + word + "\"");
        }
        List<String> command = words(node, "command", where);
        if ((kind == Check.Kind.DENIED || kind == Check.Kind.ALLOWED) && command.isEmpty()) {
            throw error(where + " (" + word + ") needs a \"command\" to probe with");
        }
        if (kind == Check.Kind.DENIED && command.stream().noneMatch(w -> w.contains(ConfinedRun.PROBE_STARTED))) {
            throw error(where + " (denied) must print \"" + ConfinedRun.PROBE_STARTED + "\" right before the access "
                    + "it tests, so that a probe that cannot even start does not count as denied");
        }
        String path = text(node, "path", kind == Check.Kind.NO_RIGHT || kind == Check.Kind.NO_RULE_COVERING, where);
        Set<FsAccess> rights = EnumSet.noneOf(FsAccess.class);
        for (String right : words(node, "rights", where)) {
            FsAccess access = FsAccess.byId(right);
            if (access == null) {
                throw error(where + " names the unknown right \"" + right + "\"");
            }
            rights.add(access);
        }
        if (kind == Check.Kind.NO_RIGHT && rights.isEmpty()) {
            throw error(where + " (no-right) needs the \"rights\" no rule may grant");
        }
        boolean needsValue = kind == Check.Kind.SCOPE || kind == Check.Kind.HARDENING
                || kind == Check.Kind.COMPATIBILITY;
        String value = text(node, "value", needsValue, where);
        if (kind == Check.Kind.SCOPE && !ProfileJudge.knownScope(value)
                || kind == Check.Kind.HARDENING && !ProfileJudge.knownHardening(value)
                || kind == Check.Kind.COMPATIBILITY && !value.equals("strict") && !value.equals("best-effort")) {
            throw error(where + " (" + word + ") names the unknown value \"" + value + "\"");
        }
        return new Check(kind, text(node, "says", true, where), command, text(node, "prints", false, where), path,
                rights, value, feature(node, "feature", kind == Check.Kind.ABI_HAS,
                where), ports(node, "bindTcp", where), ports(node, "connectTcp", where),
                feature(node, "onlyWithout", false, where));
    }

    private Fixture fixture(JsonNode node) throws LessonException {
        if (!node.isObject()) {
            throw error("each fixture must be an object");
        }
        onlyKnown(node, Set.of("path", "text", "copy", "folder", "socket"), "a fixture");
        String path = text(node, "path", true, "a fixture");
        Fixture.Kind kind = node.has("text") ? Fixture.Kind.TEXT : node.has("copy") ? Fixture.Kind.COPY
                : node.path("folder").asBoolean(false) ? Fixture.Kind.FOLDER
                : node.path("socket").asBoolean(false) ? Fixture.Kind.SOCKET : null;
        if (kind == null) {
            throw error("the fixture \"" + path + "\" needs \"text\", \"copy\", \"folder\": true or \"socket\": true");
        }
        try {
            return new Fixture(path, kind, kind == Fixture.Kind.TEXT ? node.get("text").asText()
                    : kind == Fixture.Kind.COPY ? node.get("copy").asText() : "");
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private Services services(JsonNode node) throws LessonException {
        if (node == null) {
            return Services.NONE;
        }
        if (!node.isObject()) {
            throw error("\"services\" must be an object");
        }
        onlyKnown(node, Set.of("tcp", "signalTarget", "abstractSocket"), "services");
        try {
            return new Services(ports(node, "tcp", "services"), node.path("signalTarget").asBoolean(false),
                    node.path("abstractSocket").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private Feature feature(JsonNode node, String field, boolean required, String where) throws LessonException {
        String name = text(node, field, required, where);
        if (name.isEmpty()) {
            return null;
        }
        try {
            return Feature.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw error(where + " names the unknown feature \"" + name + "\"");
        }
    }

    private List<Integer> ports(JsonNode node, String field, String where) throws LessonException {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : array(node, field, false)) {
            if (!port.canConvertToInt() || !port.isIntegralNumber()) {
                throw error(where + ": \"" + field + "\" must hold port numbers");
            }
            ports.add(port.asInt());
        }
        return ports;
    }

    private String text(JsonNode node, String field, boolean required) throws LessonException {
        return text(node, field, required, "lesson.json");
    }

    private String text(JsonNode node, String field, boolean required, String where) throws LessonException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw error(where + " needs \"" + field + "\"");
            }
            return "";
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw error(where + ": \"" + field + "\" must be a text that is not empty");
        }
        return value.asText();
    }

    private List<String> words(JsonNode node, String field, String where) throws LessonException {
        List<String> words = new ArrayList<>();
        for (JsonNode word : array(node, field, false)) {
            if (!word.isTextual()) {
                throw error(where + ": \"" + field + "\" must hold texts only");
            }
            words.add(word.asText());
        }
        return words;
    }

    private JsonNode array(JsonNode node, String field, boolean required) throws LessonException {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw error("lesson.json needs \"" + field + "\"");
            }
            return new ObjectMapper().createArrayNode();
        }
        if (!value.isArray()) {
            throw error("\"" + field + "\" must be a list");
        }
        return value;
    }

    private void onlyKnown(JsonNode node, Set<String> known, String where) throws LessonException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(where + " has the unknown field \"" + name + "\"");
            }
        }
    }

    private LessonException error(String sentence) {
        return new LessonException("lesson " + id + ": " + sentence);
    }
}
