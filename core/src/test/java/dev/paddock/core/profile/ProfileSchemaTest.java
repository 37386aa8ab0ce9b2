package dev.paddock.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.testing.BundledProfiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** profiles/profile.schema.json validates every bundled profile and agrees with the Java model. */
class ProfileSchemaTest {
    static final Path PROFILES = BundledProfiles.DIRECTORY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema() throws IOException {
        return JSON.readTree(PROFILES.resolve("profile.schema.json").toFile());
    }

    private static Set<ValidationMessage> validate(String json) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema());
        return schema.validate(JSON.readTree(json));
    }

    @Test
    void everyBundledProfileIsValidAndThereAreAtLeastEight() throws Exception {
        List<Path> files = BundledProfiles.files();
        assertFalse(files.size() < 8, "at least 8 bundled profiles");
        for (Path file : files) {
            assertEquals(Set.of(), validate(Files.readString(file)), file.toString());
            ProfileFiles.load(file);
        }
    }

    /** A one-field profile, made with Jackson so that every character is escaped as JSON wants. */
    private static String withField(String field, Object value) throws IOException {
        var document = JSON.createObjectNode().put("formatVersion", 1).put("name", "t");
        document.set(field, JSON.valueToTree(value));
        return JSON.writeValueAsString(document);
    }

    @Test
    void theSchemaAndTheReaderRefuseTheSameControlCharacters() throws Exception {
        List<String> controls = List.of("\u0000", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u009b",
                "\u2028", "\u2029");
        for (String c : controls) {
            boolean wordsMayHoldIt = c.equals("\t") || c.equals("\n");
            List<String> documents = new ArrayList<>(List.of(
                    withField("paths", List.of(java.util.Map.of("path", "/a" + c, "mode", "ro"))),
                    withField("workingDirectory", "/a" + c),
                    withField("environment", List.of("A" + c + "B=1"))));
            List<String> wordDocuments = List.of(withField("environment", List.of("A=1" + c)),
                    withField("command", List.of("echo", "a" + c)));
            for (String json : documents) {
                assertFalse(validate(json).isEmpty(), json);
                assertThrows(ProfileException.class, () -> ProfileReader.read(json, "p.json"), json);
            }
            for (String json : wordDocuments) {
                assertEquals(wordsMayHoldIt, validate(json).isEmpty(), json);
                if (wordsMayHoldIt) {
                    ProfileReader.read(json, "p.json");
                } else {
                    assertThrows(ProfileException.class, () -> ProfileReader.read(json, "p.json"), json);
                }
            }
        }
    }

    @Test
    void versionTwoNeedsItsAbiAndVersionOneHasNone() throws Exception {
        assertFalse(validate("{\"formatVersion\": 2, \"name\": \"t\"}").isEmpty());
        assertEquals(Set.of(), validate("{\"formatVersion\": 2, \"abi\": 9, \"name\": \"t\"}"));
        assertFalse(validate("{\"formatVersion\": 1, \"abi\": 9, \"name\": \"t\"}").isEmpty());
        assertFalse(validate("{\"formatVersion\": 2, \"abi\": 12, \"name\": \"t\"}").isEmpty());
        assertThrows(ProfileException.class, () -> ProfileReader.read("{\"formatVersion\": 2, \"name\": \"t\"}",
                "p.json"));
        assertThrows(ProfileException.class, () -> ProfileReader.read("{\"formatVersion\": 1, \"abi\": 9, "
                + "\"name\": \"t\"}", "p.json"));
    }

    @Test
    void whatTheWriterWritesIsValid() throws Exception {
        assertEquals(Set.of(), validate(ProfileWriter.write(ProfileDocumentTest.sample())));
    }

    @Test
    void theSchemaHasExactlyTheFieldsTheWriterWrites() throws Exception {
        List<String> properties = new ArrayList<>();
        schema().path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(ProfileWriter.FIELDS, properties);
        assertEquals(List.of("1", "2"), texts(schema().path("properties").path("formatVersion").path("enum")));
        assertEquals(Profile.FORMAT_VERSION, schema().path("then").path("required").size() + 1,
                "version 2 requires abi");
        assertEquals(dev.paddock.core.landlock.Abi.LATEST, schema().path("properties").path("abi").path("maximum")
                .asInt());
    }

    @Test
    void theSchemasNamesAreTheModelsNames() throws Exception {
        JsonNode rule = schema().path("$defs").path("pathRule").path("properties");
        assertEquals(names(AccessMode.values()), texts(rule.path("mode").path("enum")));
        assertEquals(ids(FsAccess.values()), texts(rule.path("rights").path("items").path("enum")));
        assertEquals(ids(Scope.values()), texts(schema().path("properties").path("scopes").path("items").path("enum")));
        assertEquals(ids(AuditFlag.values()),
                texts(schema().path("properties").path("auditFlags").path("items").path("enum")));
    }

    private static List<String> names(AccessMode[] modes) {
        return Stream.of(modes).map(AccessMode::label).toList();
    }

    private static List<String> ids(AccessRight[] rights) {
        return Stream.of(rights).map(AccessRight::id).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
