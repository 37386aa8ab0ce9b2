package dev.paddock.core.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What menu entries and systemd units run: something that starts on its own, wherever the app runs from. */
class PaddockCommandLineTest {
    private static final Path JAVA = Path.of("/jdk/bin/java");

    /** A jar with the given main class (or none). */
    private static Path jar(Path file, String mainClass) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        new JarOutputStream(Files.newOutputStream(file), manifest).close();
        return file;
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Path cliJar(Path file) throws IOException {
        return jar(file, "dev.paddock.core.cli.PaddockCli");
    }

    @Test
    void theInstalledPaddockComesFirst(@TempDir Path dir) throws IOException {
        Path installed = executable(dir.resolve("usr/bin/paddock"));
        Path checkoutJar = cliJar(dir.resolve("checkout/core/target/paddock.jar"));
        assertEquals(List.of(installed.toString()),
                PaddockCommandLine.detect(installed, JAVA, List.of(checkoutJar)));
    }

    @Test
    void theAppRunFromACheckoutWithTheLibraryFromTheMavenRepositoryUsesTheCheckoutsRunnableJar(@TempDir Path dir)
            throws IOException {
        // mvn -pl app javafx:run: the app's classes from the checkout, core's library jar from ~/.m2
        Path library = jar(dir.resolve("m2/dev/paddock/paddock-core/0.1.0-SNAPSHOT/paddock-core-0.1.0-SNAPSHOT.jar"),
                null);
        Path picocli = jar(dir.resolve("m2/info/picocli/picocli/4.7.7/picocli-4.7.7.jar"), "picocli.AutoComplete");
        Path appClasses = Files.createDirectories(dir.resolve("checkout/app/target/classes"));
        Path runnable = cliJar(dir.resolve("checkout/core/target/paddock.jar"));
        assertEquals(List.of(JAVA.toString(), "-jar", runnable.toString()), PaddockCommandLine.detect(
                dir.resolve("none"), JAVA, List.of(library, picocli, appClasses)));
    }

    @Test
    void theLibraryJarIsNeverTheAnswer(@TempDir Path dir) throws IOException {
        Path library = jar(dir.resolve("m2/dev/paddock/paddock-core/0.1.0-SNAPSHOT/paddock-core-0.1.0-SNAPSHOT.jar"),
                null);
        assertEquals(List.of("paddock"), PaddockCommandLine.detect(dir.resolve("none"), JAVA, List.of(library)));
    }

    @Test
    void aCheckoutsClassesOrLibraryJarUseItsRunnableJar(@TempDir Path dir) throws IOException {
        Path runnable = cliJar(dir.resolve("checkout/core/target/paddock.jar"));
        Path classes = Files.createDirectories(dir.resolve("checkout/core/target/classes"));
        Path library = jar(dir.resolve("checkout/core/target/paddock-core-0.1.0-SNAPSHOT.jar"), null);
        List<String> expected = List.of(JAVA.toString(), "-jar", runnable.toString());
        assertEquals(expected, PaddockCommandLine.detect(dir.resolve("none"), JAVA, List.of(classes)));
        assertEquals(expected, PaddockCommandLine.detect(dir.resolve("none"), JAVA, List.of(library)));
    }

    @Test
    void aCheckoutWithoutItsRunnableJarFallsBackToThePath(@TempDir Path dir) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("checkout/app/target/classes"));
        assertEquals(List.of("paddock"), PaddockCommandLine.detect(dir.resolve("none"), JAVA, List.of(classes)));
    }

    @Test
    void theRunnableJarThisRunsFromIsUsedAsItIs(@TempDir Path dir) throws IOException {
        Path runnable = cliJar(dir.resolve("somewhere/paddock.jar"));
        assertEquals(List.of(JAVA.toString(), "-jar", runnable.toString()),
                PaddockCommandLine.detect(dir.resolve("none"), JAVA, List.of(runnable)));
    }

    @Test
    void anAppImageUsesItsOwnLauncher(@TempDir Path dir) throws IOException {
        Path launcher = executable(dir.resolve("paddock/lib/paddock"));
        Path core = jar(dir.resolve("paddock/lib/app/paddock-core-0.1.0-SNAPSHOT.jar"), null);
        assertEquals(List.of(launcher.toString()), PaddockCommandLine.detect(dir.resolve("none"), JAVA, List.of(core)));
    }
}
