package dev.paddock.core.interop;

import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Menu entries that launch profiles: .desktop files in {@code $XDG_DATA_HOME/applications} (by default
 * {@code ~/.local/share/applications}) whose Exec runs {@code paddock run --profile FILE}, so an entry keeps working
 * when its profile is edited. Paddock's entries are named {@code paddock-*.desktop} and carry X-Paddock-Profile.
 */
public final class DesktopEntries {
    private static final String PREFIX = "paddock-";
    private static final String PROFILE_KEY = "X-Paddock-Profile=";

    private final Path directory;
    private final List<String> paddock;

    public DesktopEntries(Path directory, List<String> paddock) {
        this.directory = directory;
        this.paddock = List.copyOf(paddock);
    }

    /** The entries of this user, launched with the installed paddock (or this jar). */
    public static DesktopEntries ofUser() {
        return new DesktopEntries(defaultDirectory(System.getenv()), PaddockCommandLine.detect());
    }

    static Path defaultDirectory(Map<String, String> environment) {
        String data = environment.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() && Path.of(data).isAbsolute() ? Path.of(data)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share");
        return base.resolve("applications");
    }

    /** An entry and the profile it launches. */
    public record Entry(Path file, Path profile) {
    }

    /** Writes (or rewrites) the entry for a profile file; returns the entry's path. */
    public Path add(Path profileFile) throws ProfileException, IOException {
        Path profilePath = profileFile.toAbsolutePath().normalize();
        Profile profile = ProfileFiles.load(profilePath);
        Export export = DesktopEntryExporter.export(profile, profilePath, paddock, false);
        Path entry = entryFor(profilePath);
        Files.createDirectories(directory);
        ProfileFiles.write(entry, export.text().getBytes(StandardCharsets.UTF_8));
        Files.deleteIfExists(entry.resolveSibling(entry.getFileName() + ".bak"));
        return entry;
    }

    /** Removes the entry for a profile file; returns whether there was one. */
    public boolean remove(Path profileFile) throws IOException {
        return Files.deleteIfExists(entryFor(profileFile.toAbsolutePath().normalize()));
    }

    /** Paddock's entries, with the profile each launches. */
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*.desktop")) {
            for (Path file : files) {
                // split at newlines only, as desktops do (readAllLines would split at a carriage return too)
                for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith(PROFILE_KEY)) {
                        entries.add(new Entry(file,
                                Path.of(DesktopEntryExporter.unescape(line.substring(PROFILE_KEY.length())))));
                    }
                }
            }
        }
        entries.sort(java.util.Comparator.comparing(e -> e.file().getFileName().toString()));
        return entries;
    }

    /** paddock-NAME.desktop, from the profile file's name; stable, so editing the profile rewrites the same entry. */
    Path entryFor(Path profileFile) {
        String stem = profileFile.getFileName().toString().replaceFirst("\\.json$", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String suffix = Integer.toHexString(profileFile.toString().hashCode() & 0xfffff);
        return directory.resolve(PREFIX + (stem.isEmpty() ? "profile" : stem) + "-" + suffix + ".desktop");
    }

    public Path directory() {
        return directory;
    }

    /** The words that start paddock, which each entry runs with {@code run --profile FILE}. */
    public List<String> launcher() {
        return paddock;
    }
}
