package dev.paddock.core.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The user's profiles: the {@code *.json} files in {@code $XDG_CONFIG_HOME/paddock/profiles} (by default
 * {@code ~/.config/paddock/profiles}). Broken files are listed with their error and never touched.
 */
public final class ProfileLibrary {
    private final Path directory;

    public ProfileLibrary(Path directory) {
        this.directory = directory;
    }

    /** The library of this user, from the XDG environment. */
    public static ProfileLibrary ofUser() {
        return new ProfileLibrary(defaultDirectory(System.getenv()));
    }

    static Path defaultDirectory(Map<String, String> environment) {
        return configDirectory(environment).resolve("profiles");
    }

    /**
     * Paddock's configuration folder for this environment: {@code $XDG_CONFIG_HOME/paddock} when that is an
     * absolute path, else {@code ~/.config/paddock}. The library and the lesson progress live in it.
     *
     * @param environment the process environment
     * @return the folder, which may not exist yet
     */
    public static Path configDirectory(Map<String, String> environment) {
        String config = environment.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() && Path.of(config).isAbsolute()
                ? Path.of(config) : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("paddock");
    }

    public Path directory() {
        return directory;
    }

    /**
     * One file of the library: its profile, or the error that keeps it from loading.
     *
     * @param file    the file
     * @param profile the profile, or null when it is broken
     * @param error   the one-sentence error, or null when it loaded
     */
    public record Entry(Path file, Profile profile, String error) {
        public boolean broken() {
            return profile == null;
        }
    }

    /** Every profile file, sorted by name regardless of case; an absent folder is an empty library. */
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                if (!Files.isRegularFile(file) || file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    entries.add(new Entry(file, ProfileFiles.load(file), null));
                } catch (ProfileException e) {
                    entries.add(new Entry(file, null, e.getMessage()));
                }
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.file().getFileName().toString(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(e -> e.file().getFileName().toString()));
        return entries;
    }

    /** A file name for a new profile, from its name, that does not exist yet. */
    public Path fileFor(String profileName) {
        String stem = profileName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        if (stem.isEmpty()) {
            stem = "profile";
        }
        Path candidate = directory.resolve(stem + ".json");
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = directory.resolve(stem + "-" + i + ".json");
        }
        return candidate;
    }
}
