package dev.paddock.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the real app in a real window (GTK under Xvfb, not Monocle) in a JVM of its own, and checks that the
 * screenshot it writes of its main window is not blank. Needs xvfb-run and libgtk-3-0, which .ci/run installs.
 */
class RealWindowSmokeTest {

    @Test
    void theAppShowsItsMainWindowUnderXvfb(@TempDir Path dir) throws Exception {
        BufferedImage image = screenshot(dir);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "the window looks blank: only " + colours.size() + " colours");
    }

    @Test
    void theAppOpensALessonUnderXvfb(@TempDir Path dir) throws Exception {
        BufferedImage image = screenshot(dir, "-Dpaddock.lesson=1");
        // the lesson takes the right third of the window, where Insight was: its task box and text are drawn there
        Set<Integer> colours = new HashSet<>();
        for (int y = 100; y < image.getHeight() - 60; y += 5) {
            for (int x = image.getWidth() * 2 / 3 + 20; x < image.getWidth() - 20; x += 5) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the lesson pane looks empty: only " + colours.size() + " colours");
    }

    private static BufferedImage screenshot(Path dir, String... options) throws Exception {
        Path shot = dir.resolve("window.png");
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dprism.order=sw", "-Duser.home=" + home, "-Dpaddock.screenshot=" + shot,
                "-Dpaddock.screenshot.delay=2000"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AppMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("app.log").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_CONFIG_HOME");
        builder.environment().remove("DISPLAY");
        Process app = builder.start();
        boolean ended = app.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            app.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("app.log"));
        assertTrue(ended, "the app did not quit after its screenshot: " + log);
        assertEquals(0, app.exitValue(), log);
        assertTrue(Files.exists(shot), "no screenshot was written: " + log);

        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
        return image;
    }
}
