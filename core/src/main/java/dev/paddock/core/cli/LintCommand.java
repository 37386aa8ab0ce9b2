package dev.paddock.core.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.Lint;
import dev.paddock.core.lint.LintContext;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code paddock lint FILE...}: the dangerous grants of profiles, each with what an attacker could do and a fix. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Judge profiles for dangerous grants, on this kernel and machine: each finding has a severity, "
                + "a rule id, what it concerns, what a program in the sandbox could do, and a fix. A profile can "
                + "accept a finding on purpose in its \"acknowledged\" list.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no error (warnings and accepted findings do not count)",
                "1:an error that no profile accepts", "2:a profile could not be read, or bad usage"})
final class LintCommand implements Callable<Integer> {
    /** The exit code for an error finding. */
    static final int ERRORS = 1;
    /** The exit code when a profile cannot be read or the command line is wrong. */
    static final int TROUBLE = 2;

    /** The output formats. */
    enum Format { text, json }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The profiles (JSON).")
    private List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (the default) or json, for tools.")
    private Format format = Format.text;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        LintContext context = LintContext.ofProcess(null);
        Map<Path, List<Finding>> results = new LinkedHashMap<>();
        boolean trouble = false;
        for (Path file : files) {
            if (isJsonSchema(file)) {
                // profiles/*.json reaches the schema beside the examples: it is no profile, and no trouble
                err.println("paddock: note: " + file + " is a JSON Schema, not a profile: skipped");
                continue;
            }
            try {
                Profile profile = ProfileFiles.load(file);
                results.put(file, Lint.of(context.forFile(file)).check(profile));
            } catch (ProfileException | UncheckedIOException e) {
                err.println("paddock: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                trouble = true;
            }
        }
        if (format == Format.json) {
            json(results, out);
        } else {
            results.forEach((file, findings) -> print(file, findings, files.size() > 1, out));
        }
        if (trouble) {
            return TROUBLE;
        }
        return results.values().stream().flatMap(List::stream).anyMatch(Finding::fails) ? ERRORS : 0;
    }

    /**
     * Whether the file is a JSON Schema document, such as profiles/profile.schema.json: an object whose "$schema" names
     * json-schema.org. A profile cannot have that field (the reader refuses unknown fields).
     */
    static boolean isJsonSchema(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > ProfileFiles.MAX_SIZE) {
                return false;
            }
            JsonNode schema = new ObjectMapper().readTree(file.toFile()).path("$schema");
            return schema.isTextual() && schema.asText().contains("json-schema.org/");
        } catch (IOException | RuntimeException e) {
            return false;   // not JSON: the profile reader says what is wrong with it
        }
    }

    /** The findings of one profile as text, then a one-line summary. */
    static void print(Path file, List<Finding> findings, boolean named, PrintStream out) {
        String prefix = named ? file + ": " : "";
        printFindings(findings, "", out);
        out.println(prefix + Lint.summary(findings));
    }

    /**
     * Each finding: "error  home-writable  path ${HOME}", then its sentence and its fix; an accepted finding is one
     * line more, with the severity it would have and the profile's reason, instead of the sentence and the fix.
     */
    static void printFindings(List<Finding> findings, String indent, PrintStream out) {
        for (Finding finding : findings) {
            out.println(indent + (finding.isAccepted() ? "accepted" : finding.severity().word()) + "  "
                    + finding.rule().id() + "  " + finding.concern());
            if (finding.isAccepted()) {
                out.println(indent + "  accepted " + finding.severity().word() + ": " + finding.accepted());
            } else {
                out.println(indent + "  " + finding.attack());
                out.println(indent + "  fix: " + finding.fix());
            }
        }
    }

    private static void json(Map<Path, List<Finding>> results, PrintStream out) {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Map.Entry<Path, List<Finding>> result : results.entrySet()) {
                json.writeStartObject();
                json.writeStringField("file", result.getKey().toString());
                json.writeStringField("summary", Lint.summary(result.getValue()));
                json.writeArrayFieldStart("findings");
                for (Finding finding : result.getValue()) {
                    json.writeStartObject();
                    json.writeStringField("id", finding.rule().id());
                    json.writeStringField("severity", finding.severity().word());
                    json.writeStringField("concerns", finding.concern().kind().word());
                    json.writeStringField("subject", finding.concern().subject());
                    json.writeStringField("attack", finding.attack());
                    json.writeStringField("fix", finding.fix());
                    json.writeStringField("accepted", finding.accepted());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }
}
