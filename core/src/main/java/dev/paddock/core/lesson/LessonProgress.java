package dev.paddock.core.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileLibrary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which lessons the learner has passed, in a small JSON file beside the profile library
 * ({@code $XDG_CONFIG_HOME/paddock/lessons.json}, by default {@code ~/.config/paddock/lessons.json}:
 * {@code {"passed": ["01-read-write"]}}), saved atomically. {@code paddock lesson check} and the app's Lessons pane
 * share it, so a pass in either shows in the other. A file that cannot be read counts as no progress and is replaced
 * on the next pass.
 */
public final class LessonProgress {
    private final Path file;
    private final Set<String> passed = new TreeSet<>();

    /**
     * The progress kept in {@code file}, read now; an absent or damaged file is no progress.
     *
     * @param file the progress file
     */
    public LessonProgress(Path file) {
        this.file = file;
        read();
    }

    /**
     * The progress file of the user this environment describes: beside the profile library.
     *
     * @param environment the process environment (XDG_CONFIG_HOME, HOME)
     * @return {@code lessons.json} in Paddock's configuration folder
     */
    public static Path userFile(Map<String, String> environment) {
        return ProfileLibrary.configDirectory(environment).resolve("lessons.json");
    }

    /**
     * The file the progress is kept in.
     *
     * @return the progress file
     */
    public Path file() {
        return file;
    }

    /**
     * Whether the lesson was passed.
     *
     * @param lessonId the lesson's id, such as "01-read-write"
     * @return true once a check of it passed
     */
    public boolean passed(String lessonId) {
        return passed.contains(lessonId);
    }

    /**
     * Records a pass. The file is read again first, so that a pass another process recorded meanwhile (the CLI while
     * the app is open) is kept.
     *
     * @param lessonId the lesson's id
     * @return the sentence of why it could not be saved, or null when it was saved (or was already there)
     */
    public String markPassed(String lessonId) {
        read();
        if (!passed.add(lessonId)) {
            return null;
        }
        ObjectMapper json = new ObjectMapper();
        ArrayNode ids = json.createArrayNode();
        passed.forEach(ids::add);
        try {
            ProfileFiles.write(file, (json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json.createObjectNode().set("passed", ids)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (ProfileException e) {
            // the message names the file, the folder at fault and why
            return "your progress was not recorded: " + e.getMessage();
        } catch (IOException e) {
            return "your progress could not be saved to " + file + ": " + e.getMessage();
        }
    }

    private void read() {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            root.path("passed").forEach(id -> passed.add(id.asText()));
        } catch (IOException | RuntimeException e) {
            // no file yet, or a damaged one: no progress
        }
    }
}
