package dev.paddock.core.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.seccomp.SeccompRule;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/** Writes a profile as readable JSON: every field, always in the same order, two-space indent, trailing newline. */
public final class ProfileWriter {
    /** The document's fields, in the order they are written. */
    public static final List<String> FIELDS = List.of("formatVersion", "abi", "name", "description", "notes",
            "command", "workingDirectory", "environment", "paths", "bindTcp", "connectTcp", "bindUdp", "connectUdp",
            "quietPorts", "scopes", "unrestrictedFilesystem", "unrestrictedNetwork", "ignoreMissing", "addExec",
            "ldd", "auditFlags", "compatibility", "hardening", "acknowledged");

    private ProfileWriter() {
    }

    public static String write(Profile profile) {
        StringWriter out = new StringWriter();
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        Policy policy = profile.policy();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(printer);
            json.writeStartObject();
            json.writeNumberField("formatVersion", Profile.FORMAT_VERSION);
            json.writeNumberField("abi", policy.abi());
            json.writeStringField("name", profile.name());
            json.writeStringField("description", profile.description());
            json.writeStringField("notes", profile.notes());
            writeStrings(json, "command", policy.command());
            json.writeStringField("workingDirectory", policy.workingDirectory());
            writeStrings(json, "environment", policy.environment().stream().map(ProfileWriter::env).toList());
            json.writeArrayFieldStart("paths");
            for (PathRule rule : policy.paths()) {
                json.writeStartObject();
                json.writeStringField("path", rule.path());
                if (rule.access() instanceof AccessMode mode) {
                    json.writeStringField("mode", mode.label());
                } else {
                    writeStrings(json, "rights", ((RightSet) rule.access()).rights().stream().map(AccessRight::id)
                            .toList());
                }
                if (rule.quiet()) {
                    json.writeBooleanField("quiet", true);
                }
                if (rule.optional()) {
                    json.writeBooleanField("optional", true);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            writeNumbers(json, "bindTcp", policy.bindTcp());
            writeNumbers(json, "connectTcp", policy.connectTcp());
            if (policy.hasUdpPorts()) {
                writeNumbers(json, "bindUdp", policy.bindUdp());
                writeNumbers(json, "connectUdp", policy.connectUdp());
            }
            if (!policy.quietPorts().isEmpty()) {
                writeNumbers(json, "quietPorts", policy.quietPorts());
            }
            writeStrings(json, "scopes", policy.scopes().stream().map(AccessRight::id).toList());
            json.writeBooleanField("unrestrictedFilesystem", policy.unrestrictedFilesystem());
            json.writeBooleanField("unrestrictedNetwork", policy.unrestrictedNetwork());
            json.writeBooleanField("ignoreMissing", policy.ignoreMissing());
            json.writeBooleanField("addExec", policy.addExec());
            json.writeBooleanField("ldd", policy.ldd());
            writeStrings(json, "auditFlags", policy.auditFlags().stream().map(AccessRight::id).toList());
            json.writeStringField("compatibility",
                    policy.compatibility() == Compatibility.STRICT ? "strict" : "best-effort");
            if (!policy.hardening().isEmpty()) {
                writeStrings(json, "hardening", policy.hardening().stream().map(SeccompRule::id).toList());
            }
            if (!profile.acknowledged().isEmpty()) {
                json.writeArrayFieldStart("acknowledged");
                for (Acknowledgement accepted : profile.acknowledged()) {
                    json.writeStartObject();
                    json.writeStringField("lint", accepted.lint());
                    if (accepted.concerns() != null) {
                        json.writeStringField("concerns", accepted.concerns());
                    }
                    json.writeStringField("reason", accepted.reason());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static String env(EnvVar variable) {
        return variable.passes() ? variable.name() : variable.name() + "=" + variable.value();
    }

    private static void writeStrings(JsonGenerator json, String field, Collection<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeNumbers(JsonGenerator json, String field, Collection<Integer> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (int value : values) {
            json.writeNumber(value);
        }
        json.writeEndArray();
    }
}
