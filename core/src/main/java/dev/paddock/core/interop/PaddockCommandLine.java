package dev.paddock.core.interop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * How other programs (systemd, a desktop menu) start the paddock command line, which must run on its own, outside
 * this JVM: the installed {@code /usr/bin/paddock} when there is one; else the launcher of the app image this code
 * runs from; else a runnable jar ({@code java -jar}): the one this code runs from, or the checkout's
 * {@code core/target/paddock.jar} when this code runs from a source checkout (its {@code target} folders, or the
 * local Maven repository beside a checkout's classes, as {@code mvn -pl app javafx:run} does). The plain library jar
 * in the Maven repository is never the answer: it has no main class and none of its dependencies.
 */
public final class PaddockCommandLine {
    /** Where the .deb installs the launcher. */
    public static final Path INSTALLED = Path.of("/usr/bin/paddock");
    private static final String CLI_MAIN_CLASS = "dev.paddock.core.cli.PaddockCli";

    private PaddockCommandLine() {
    }

    /** The words that start the paddock CLI. */
    public static List<String> detect() {
        return detect(INSTALLED);
    }

    /** The words that start the paddock CLI, with {@code installed} as the place of an installed paddock. */
    public static List<String> detect(Path installed) {
        return detect(installed, Path.of(System.getProperty("java.home"), "bin", "java"), codeLocations());
    }

    static List<String> detect(Path installed, Path java, List<Path> locations) {
        if (Files.isExecutable(installed)) {
            return List.of(installed.toString());
        }
        for (Path location : locations) {
            Optional<List<String>> command = fromLocation(location, java);
            if (command.isPresent()) {
                return command.get();
            }
        }
        return List.of("paddock");
    }

    /** Where this class was loaded from, then every class path and module path entry of this JVM. */
    private static List<Path> codeLocations() {
        List<Path> locations = new ArrayList<>();
        try {
            locations.add(Path.of(PaddockCommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // no code source (an unusual class loader): the class path may still tell
        }
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    locations.add(Path.of(entry));
                }
            }
        }
        return locations;
    }

    /** The command found from one code location (a jar or a folder of classes), if it tells. */
    static Optional<List<String>> fromLocation(Path location, Path java) {
        Path path = location.toAbsolutePath().normalize();
        // an app image: lib/app/*.jar beside the image's launcher lib/paddock
        Path folder = path.getParent();
        Path lib = folder == null ? null : folder.getParent();
        if (named(folder, "app") && named(lib, "lib")) {
            Path launcher = lib.resolve("paddock");
            if (Files.isRegularFile(launcher) && Files.isExecutable(launcher)) {
                return Optional.of(List.of(launcher.toString()));
            }
        }
        if (isRunnableJar(path)) {
            return Optional.of(List.of(java.toString(), "-jar", path.toString()));
        }
        // a source checkout: MODULE/target/classes or MODULE/target/NAME.jar, and the checkout's runnable jar
        Path checkout = named(folder, "target") && folder.getParent() != null ? folder.getParent().getParent() : null;
        Path jar = checkout == null ? null : checkout.resolve("core/target/paddock.jar");
        if (jar != null && isRunnableJar(jar)) {
            return Optional.of(List.of(java.toString(), "-jar", jar.toString()));
        }
        return Optional.empty();
    }

    private static boolean named(Path path, String name) {
        return path != null && path.getFileName() != null && path.getFileName().toString().equals(name);
    }

    /** Whether the file is a jar whose main class is paddock's command line. */
    static boolean isRunnableJar(Path file) {
        if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            return manifest != null
                    && CLI_MAIN_CLASS.equals(manifest.getMainAttributes().getValue("Main-Class"));
        } catch (IOException e) {
            return false;
        }
    }
}
