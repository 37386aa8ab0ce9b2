package dev.paddock.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a command as the user {@code nobody} (uid and gid 65534, no supplementary groups) with setpriv, because users
 * are not root: a security property checked as root alone could rest on root's privileges. Only possible when the
 * tests run as root; elsewhere the test that asks is skipped.
 */
public final class AsNobody {
    public static final int UID = 65534;
    private static String classpath;

    private AsNobody() {
    }

    /** The setpriv words that run what follows them as nobody. */
    public static List<String> prefix() {
        assumeTrue("root".equals(System.getProperty("user.name")), "running as nobody needs root (setpriv)");
        return List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups");
    }

    /**
     * Makes a file or folder (and the folders above it, up to {@code top}) readable by everyone. {@code top} must be
     * a test's own folder: changing a shared one such as /tmp would change the machine.
     */
    public static void openUp(Path top, Path path) throws IOException {
        if (top.getNameCount() < 2 || !top.getFileName().toString().startsWith("junit")) {
            throw new IllegalArgumentException("openUp changes only a test's own folder, not " + top);
        }
        for (Path p = path; p != null && p.startsWith(top); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                    Files.isDirectory(p) || Files.isExecutable(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    /**
     * This JVM's classpath, copied once into a folder nobody may read (the build's jars live in root's home), so a
     * JVM started as nobody runs the same Paddock.
     */
    public static synchronized String classpath() {
        if (classpath == null) {
            try {
                Path dir = Files.createTempDirectory("paddock-nobody-classpath");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                List<String> entries = new ArrayList<>();
                int i = 0;
                for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                    Path source = Path.of(entry);
                    if (!Files.exists(source)) {
                        continue;
                    }
                    Path target = dir.resolve(i++ + "-" + source.getFileName());
                    copy(source, target);
                    entries.add(target.toString());
                }
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.toList()) {
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                                Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
                classpath = String.join(java.io.File.pathSeparator, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classpath;
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target);
            return;
        }
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : all.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
