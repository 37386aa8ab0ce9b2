package dev.paddock.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileLibrary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the app remembers between runs: window size and place, dividers, theme, and the last profile. Kept in
 * {@code app.json} in Paddock's configuration folder, beside the profile library and the lesson progress
 * ({@code $XDG_CONFIG_HOME/paddock}, by default {@code ~/.config/paddock}), and saved atomically. A file that cannot
 * be read counts as no settings: they are a convenience, and the app works without them.
 */
final class AppSettings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ObjectNode values;

    /** The settings kept in {@code file}, read now. */
    AppSettings(Path file) {
        this.file = file;
        this.values = read(file);
    }

    /** The settings of the user this environment describes. */
    static AppSettings ofUser(Map<String, String> environment) {
        return new AppSettings(ProfileLibrary.configDirectory(environment).resolve("app.json"));
    }

    private static ObjectNode read(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException | RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    Path file() {
        return file;
    }

    double width() {
        return number("width", 1280);
    }

    double height() {
        return number("height", 800);
    }

    double x() {
        return number("x", Double.NaN);
    }

    double y() {
        return number("y", Double.NaN);
    }

    boolean maximized() {
        return values.path("maximized").asBoolean(false);
    }

    boolean dark() {
        return values.path("dark").asBoolean(false);
    }

    Path lastProfile() {
        String path = values.path("lastProfile").asText("");
        try {
            return path.isEmpty() ? null : Path.of(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The window's dividers as {@code MainView.dividers()} gave them, or an empty array. */
    double[] dividers() {
        try {
            return Arrays.stream(values.path("dividers").asText("").split(",")).filter(s -> !s.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            return new double[0];
        }
    }

    private double number(String key, double otherwise) {
        JsonNode node = values.get(key);
        return node != null && node.isNumber() && Double.isFinite(node.asDouble()) ? node.asDouble() : otherwise;
    }

    void saveDividers(double[] positions) {
        values.put("dividers", Arrays.stream(positions).mapToObj(p -> String.format(Locale.ROOT,
                "%.4f", p)).collect(Collectors.joining(",")));
        save();
    }

    void saveWindow(double x, double y, double width, double height, boolean maximized) {
        values.put("x", x);
        values.put("y", y);
        values.put("width", width);
        values.put("height", height);
        values.put("maximized", maximized);
        save();
    }

    void saveTheme(boolean dark) {
        values.put("dark", dark);
        save();
    }

    void saveLastProfile(Path file) {
        if (file == null) {
            values.remove("lastProfile");
        } else {
            values.put("lastProfile", file.toAbsolutePath().toString());
        }
        save();
    }

    private void save() {
        try {
            ProfileFiles.write(file, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException | ProfileException e) {
            // settings are a convenience; the app works without them
        }
    }
}
