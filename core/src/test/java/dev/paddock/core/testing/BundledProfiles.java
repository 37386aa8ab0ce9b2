package dev.paddock.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The profiles shipped in the repository's profiles/ folder. */
public final class BundledProfiles {
    public static final Path DIRECTORY = Path.of("..", "profiles").toAbsolutePath().normalize();

    private BundledProfiles() {
    }

    public static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".schema.json"))
                    .sorted().toList();
        }
    }
}
