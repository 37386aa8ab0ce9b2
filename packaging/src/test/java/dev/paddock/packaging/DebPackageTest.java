package dev.paddock.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the .deb with packaging/build.sh (validators included), installs it with apt-get, and checks what a user
 * gets: /usr/bin/paddock --version and abi, a sandboxed run, and the app's window under Xvfb with the window class its
 * menu entry names. Installing needs root, so elsewhere the test is skipped; CI runs as root.
 */
class DebPackageTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, long minutes) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("PADDOCK_SKIP_MAVEN", "1");
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        process.getOutputStream().close();
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return e.toString();
                    }
                });
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), output.join());
    }

    /** Whether /usr/lib/jvm has a JDK of version 24 or newer, which packaging/build.sh makes the runtime from. */
    private static boolean runtimeJdkInstalled() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return false;
        }
        try (var homes = Files.list(jvms)) {
            return homes.map(home -> home.resolve("release")).filter(Files::isRegularFile).anyMatch(release -> {
                try {
                    return Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION=\""))
                            .map(l -> l.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0])
                            .anyMatch(major -> major.matches("[0-9]+") && Integer.parseInt(major) >= 24);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void theDebBuildsInstallsAndRuns(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root");
        assumeTrue(System.getenv("PADDOCK_RUNTIME_JDK") != null || runtimeJdkInstalled(),
                "the package's runtime needs a JDK 24 or newer under /usr/lib/jvm");
        Result build = run(List.of("bash", "packaging/build.sh"), 20);
        assertEquals(0, build.exit(), build.output());
        assertTrue(build.output().contains("Validation was successful"), build.output());
        Path deb;
        try (var files = Files.list(ROOT.resolve("packaging/target"))) {
            deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        Result install = run(List.of("apt-get", "install", "-y", "-qq", "--reinstall", deb.toString()), 10);
        assertEquals(0, install.exit(), install.output());
        try {
            Result version = run(List.of("/usr/bin/paddock", "--version"), 1);
            assertEquals("paddock 0.1.0-SNAPSHOT\n", version.output());
            Result abi = run(List.of("/usr/bin/paddock", "abi"), 1);
            assertTrue(abi.output().contains("Landlock:  available, ABI"), abi.output());
            Result sandboxed = run(List.of("/usr/bin/paddock", "run", "--rox", "/usr", "--rw", "/dev/null", "--",
                    "/usr/bin/sh", "-c",
                    "echo inside; ls /etc >/dev/null 2>&1 || echo denied"), 1);
            assertEquals("inside\ndenied\n", sandboxed.output());
            assertTrue(Files.exists(Path.of("/opt/paddock/lib/app/paddock-cli.aot")), "the CLI AOT cache was made");
            assertTrue(Files.exists(Path.of("/opt/paddock/lib/app/paddock-gui.args")), "the app's options were written");
            assertTrue(Files.exists(Path.of("/opt/paddock/lib/app/paddock-gui.aot")), "the app's AOT cache was made");
            assertTrue(Files.exists(Path.of("/usr/share/applications/dev.paddock.Paddock.desktop")));
            assertTrue(Files.exists(Path.of("/usr/share/icons/hicolor/48x48/apps/dev.paddock.Paddock.png")));
            assertTrue(Files.exists(Path.of("/usr/share/metainfo/dev.paddock.Paddock.metainfo.xml")));

            // the installed launcher starts the window and keeps running (it is killed after ten seconds) ...
            Result launcher = run(List.of("timeout", "10", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                    "/usr/bin/paddock"), 2);
            assertEquals(124, launcher.exit(), "the app should still run when timeout stops it: " + launcher.output());
            // ... under the window class its menu entry names, so that docks and task bars show it as that entry
            String findWindow = "/usr/bin/paddock >/dev/null 2>&1 & app=$!\n"
                    + "for i in $(seq 150); do\n"
                    + "  id=$(xwininfo -root -tree | grep 'Paddock\"' | awk '{print $1}' | head -1)\n"
                    + "  [ -n \"$id\" ] && break\n"
                    + "  sleep 0.1\n"
                    + "done\n"
                    + "xprop -id \"$id\" WM_CLASS\n"
                    + "kill $app\n";
            Result windowClass = run(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "sh", "-c",
                    findWindow), 2);
            String startupWmClass = Files.readAllLines(Path.of("/usr/share/applications/dev.paddock.Paddock.desktop"))
                    .stream().filter(line -> line.startsWith("StartupWMClass=")).findFirst().orElseThrow()
                    .substring("StartupWMClass=".length());
            assertTrue(windowClass.output().contains("WM_CLASS(STRING) = \"" + startupWmClass + "\""),
                    "StartupWMClass=" + startupWmClass + " but the window says: " + windowClass.output());
            // ... and the installed runtime and jars draw a window that is not blank
            Path shot = dir.resolve("installed.png");
            String classpath = String.join(":", Files.readAllLines(Path.of("/opt/paddock/lib/app/paddock.cfg")).stream()
                    .filter(line -> line.startsWith("app.classpath=$APPDIR/"))
                    .map(line -> "/opt/paddock/lib/app/" + line.substring("app.classpath=$APPDIR/".length()))
                    .toList());
            Result window = run(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                    "/opt/paddock/lib/runtime/bin/java", "-Dprism.order=sw", "-Dpaddock.screenshot=" + shot,
                    "-Dpaddock.screenshot.delay=2000", "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"),
                    "-Duser.home=" + dir.resolve("home"), "-cp", classpath, "dev.paddock.app.Launcher"), 3);
            assertTrue(Files.exists(shot), "the installed app wrote no screenshot: " + window.output());
            assertFalse(Files.exists(dir.resolve("home/.openjfx")),
                    "JavaFX's native libraries are in the runtime, not unpacked into the user's home");
            BufferedImage image = ImageIO.read(shot.toFile());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 9) {
                for (int x = 0; x < image.getWidth(); x += 9) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 50, "the window looks blank");
        } finally {
            Result remove = run(List.of("apt-get", "remove", "-y", "-qq", "paddock"), 5);
            assertEquals(0, remove.exit(), remove.output());
        }
    }
}
