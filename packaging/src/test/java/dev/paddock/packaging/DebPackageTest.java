package dev.paddock.packaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the .deb with packaging/build.sh (validators included) and checks it unpacked: its files, its metadata, and
 * its launcher run from the unpacked tree. Only when asked (PADDOCK_TEST_INSTALL=1, which .ci/run sets, as root) does
 * it also install the package with apt-get, check what a user gets (/usr/bin/paddock, the AOT caches, the app's window
 * under Xvfb with the window class its menu entry names) and remove it again.
 */
class DebPackageTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final int[] ICON_SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private static Path deb;

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, long minutes) throws IOException, InterruptedException {
        return run(command, Map.of(), minutes);
    }

    private static Result run(List<String> command, Map<String, String> environment, long minutes)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
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

    /** packaging/build.sh, once for every test here: it leaves the .deb in packaging/target. */
    @BeforeAll
    static void buildTheDeb() throws Exception {
        assumeTrue(System.getenv("PADDOCK_RUNTIME_JDK") != null || runtimeJdkInstalled(),
                "the package's runtime needs a JDK 24 or newer under /usr/lib/jvm");
        Result build = run(List.of("bash", "packaging/build.sh"), 20);
        assertEquals(0, build.exit(), build.output());
        assertTrue(build.output().contains("Validation was successful"), build.output());
        try (var files = Files.list(ROOT.resolve("packaging/target"))) {
            deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
    }

    @Test
    void theDebHasItsMetadataAndEveryFileOwnedByRoot() throws Exception {
        Result fields = run(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Version", "Architecture",
                "Maintainer", "Depends", "Installed-Size"), 1);
        assertEquals(0, fields.exit(), fields.output());
        assertTrue(fields.output().contains("Package: paddock\n"), fields.output());
        assertTrue(fields.output().contains("Version: 0.1.0\n"), fields.output());
        assertTrue(fields.output().contains("Depends: libc6"), fields.output());
        assertTrue(fields.output().matches("(?s).*Installed-Size: [1-9][0-9]*\n.*"), fields.output());
        Result contents = run(List.of("dpkg-deb", "--contents", deb.toString()), 1);
        assertEquals(0, contents.exit(), contents.output());
        List<String> notRoot = contents.output().lines().filter(line -> !line.split("\\s+")[1].equals("root/root"))
                .toList();
        assertEquals(List.of(), notRoot, "every file in the package belongs to root");
        Result scripts = run(List.of("dpkg-deb", "--info", deb.toString()), 1);
        assertTrue(scripts.output().contains(" postinst") && scripts.output().contains(" prerm"), scripts.output());
    }

    @Test
    void theUnpackedDebHasTheLauncherMenuEntryIconsAndMetadata(@TempDir Path dir) throws Exception {
        Result unpack = run(List.of("dpkg-deb", "-x", deb.toString(), dir.toString()), 2);
        assertEquals(0, unpack.exit(), unpack.output());

        Path launcher = dir.resolve("opt/paddock/lib/paddock");
        assertTrue(Files.isExecutable(launcher), "the launcher is executable");
        assertTrue(Files.getPosixFilePermissions(launcher).contains(PosixFilePermission.OTHERS_EXECUTE));
        assertEquals(Path.of("/opt/paddock/lib/paddock"), Files.readSymbolicLink(dir.resolve("usr/bin/paddock")),
                "/usr/bin/paddock links to the launcher");
        assertTrue(Files.isExecutable(dir.resolve("opt/paddock/lib/runtime/bin/java")), "the runtime is in the image");
        assertTrue(Files.isRegularFile(dir.resolve("opt/paddock/lib/app/paddock-cli.jar")));
        assertTrue(Files.isExecutable(dir.resolve("opt/paddock/lib/share-archives.sh")));

        Path entry = dir.resolve("usr/share/applications/dev.paddock.Paddock.desktop");
        List<String> lines = Files.readAllLines(entry);
        assertTrue(lines.contains("Exec=paddock"), "the menu entry starts /usr/bin/paddock: " + lines);
        assertTrue(lines.contains("Icon=dev.paddock.Paddock"), lines.toString());
        assertTrue(lines.contains("StartupWMClass=dev.paddock.app.PaddockApp"), lines.toString());
        Result desktop = run(List.of("desktop-file-validate", entry.toString()), 1);
        assertEquals(0, desktop.exit(), desktop.output());
        assertEquals("", desktop.output().strip(), "the menu entry validates without a hint");

        for (int size : ICON_SIZES) {
            Path png = dir.resolve("usr/share/icons/hicolor/" + size + "x" + size + "/apps/dev.paddock.Paddock.png");
            BufferedImage icon = ImageIO.read(png.toFile());
            assertEquals(size, icon.getWidth(), png.toString());
            assertEquals(size, icon.getHeight(), png.toString());
        }
        assertTrue(Files.readString(dir.resolve("usr/share/icons/hicolor/scalable/apps/dev.paddock.Paddock.svg"))
                .contains("<svg"));

        Path metainfo = dir.resolve("usr/share/metainfo/dev.paddock.Paddock.metainfo.xml");
        String metadata = Files.readString(metainfo);
        assertTrue(metadata.contains("<id>dev.paddock.Paddock</id>"), metadata);
        assertTrue(metadata.contains("<launchable type=\"desktop-id\">dev.paddock.Paddock.desktop</launchable>"));
        Result appstream = run(List.of("appstreamcli", "validate", "--no-net", metainfo.toString()), 1);
        assertEquals(0, appstream.exit(), appstream.output());
    }

    @Test
    void theUnpackedLauncherRunsTheCommandLine(@TempDir Path dir) throws Exception {
        Result unpack = run(List.of("dpkg-deb", "-x", deb.toString(), dir.toString()), 2);
        assertEquals(0, unpack.exit(), unpack.output());
        String launcher = dir.resolve("opt/paddock/lib/paddock").toString();
        Result version = run(List.of(launcher, "--version"), 1);
        assertEquals("paddock " + VERSION + "\n", version.output());
        Result abi = run(List.of(launcher, "abi"), 1);
        assertEquals(0, abi.exit(), abi.output());
        assertTrue(abi.output().contains("Landlock:  available, ABI"), abi.output());
        Result sandboxed = run(List.of(launcher, "run", "--rox", "/usr", "--rw", "/dev/null", "--", "/usr/bin/sh",
                "-c", "echo inside; ls /etc >/dev/null 2>&1 || echo denied"), 1);
        assertEquals("inside\ndenied\n", sandboxed.output());
    }

    /** Installs the package on this machine and removes it again: only when asked, and as root. */
    @Test
    @EnabledIfEnvironmentVariable(named = "PADDOCK_TEST_INSTALL", matches = "1",
            disabledReason = "installs the .deb on this machine: set PADDOCK_TEST_INSTALL=1 (as root) to run it")
    void theDebInstallsAndRuns(@TempDir Path dir) throws Exception {
        assertEquals("root", System.getProperty("user.name"),
                "PADDOCK_TEST_INSTALL=1 installs a package with apt-get, which needs root");
        Result install = run(List.of("apt-get", "install", "-y", "-qq", "--reinstall", deb.toString()), 10);
        assertEquals(0, install.exit(), install.output());
        try {
            Result version = run(List.of("/usr/bin/paddock", "--version"), 1);
            assertEquals("paddock " + VERSION + "\n", version.output());
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
                    "-Dpaddock.screenshot.delay=2000", "-Duser.home=" + dir.resolve("home"), "-cp", classpath,
                    "dev.paddock.app.AppMain"), Map.of("HOME", dir.resolve("home").toString(),
                    "XDG_CONFIG_HOME", dir.resolve("home/.config").toString()), 3);
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
