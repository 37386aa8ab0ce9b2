package dev.paddock.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which lessons the learner has passed, in a small JSON file beside the profile library
 * ({@code ~/.config/paddock/lessons.json}: {@code {"passed": ["01-read-write"]}}), saved atomically. A file that
 * cannot be read counts as no progress and is replaced on the next pass.
 */
final class LessonProgress {
    private final Path file;
    private final Set<String> passed = new TreeSet<>();

    LessonProgress(Path file) {
        this.file = file;
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            root.path("passed").forEach(id -> passed.add(id.asText()));
        } catch (IOException | RuntimeException e) {
            // no file yet, or a damaged one: no progress
        }
    }

    boolean passed(String lessonId) {
        return passed.contains(lessonId);
    }

    /** Records a pass; the sentence of why it could not be saved, or null. */
    String markPassed(String lessonId) {
        if (!passed.add(lessonId)) {
            return null;
        }
        ObjectMapper json = new ObjectMapper();
        ArrayNode ids = json.createArrayNode();
        passed.forEach(ids::add);
        try {
            Files.createDirectories(file.getParent());
            ProfileFiles.write(file, (json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json.createObjectNode().set("passed", ids)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (IOException | ProfileException e) {
            return "your progress could not be saved to " + file + ": " + e.getMessage();
        }
    }
}
