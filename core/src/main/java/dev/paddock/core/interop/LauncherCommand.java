package dev.paddock.core.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How other programs (systemd, a desktop menu) start Paddock: the installed {@code /usr/bin/paddock} when there is
 * one, else {@code java -jar} with the jar this code runs from.
 */
public final class LauncherCommand {

    private LauncherCommand() {
    }

    /** The words that start the paddock CLI. */
    public static List<String> detect() {
        Path installed = Path.of("/usr/bin/paddock");
        if (Files.isExecutable(installed)) {
            return List.of(installed.toString());
        }
        try {
            Path jar = Path.of(LauncherCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.toString().endsWith(".jar")) {
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                return List.of(java.toString(), "-jar", jar.toAbsolutePath().toString());
            }
        } catch (Exception e) {
            // fall through to the bare name
        }
        return List.of("paddock");
    }
}
