package dev.paddock.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Layering rules that keep core usable as a plain library. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");

    private static List<Path> sourcesContaining(String text) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains(text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void coreNeverImportsJavafx() throws IOException {
        assertEquals(List.of(), sourcesContaining("import javafx."));
    }

    @Test
    void onlyTheSysPackageDeclaresNativeMethods() throws IOException {
        assertEquals(List.of(), sourcesContaining("static native ").stream()
                .filter(p -> !p.toString().contains("/sys/")).toList());
    }

    @Test
    void theLandlockAndPolicyPackagesDoNotDependOnLaunchOrCli() throws IOException {
        List<Path> offenders = Stream.concat(sourcesContaining("import dev.paddock.core.launch").stream(),
                        sourcesContaining("import dev.paddock.core.cli").stream())
                .filter(p -> p.toString().contains("/landlock/") || p.toString().contains("/policy/")).toList();
        assertEquals(List.of(), offenders);
    }
}
