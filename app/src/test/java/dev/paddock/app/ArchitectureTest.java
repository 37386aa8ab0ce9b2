package dev.paddock.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Views bind to view models; they never reach the kernel, launch processes or compile policies themselves. */
class ArchitectureTest {
    private static final Path VIEWS = Path.of("src/main/java/dev/paddock/app/view");

    @Test
    void viewsHoldNoLandlockLogic() throws IOException {
        List<String> forbidden = List.of("dev.paddock.core.launch", "dev.paddock.core.sys", "Landlock.",
                "LandlockSupport.detect", "PolicyCompiler", "ProfileFiles", "Sandbox.");
        try (Stream<Path> files = Files.walk(VIEWS)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                String source = read(p);
                return forbidden.stream().filter(source::contains).map(word -> p.getFileName() + ": " + word);
            }).toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
