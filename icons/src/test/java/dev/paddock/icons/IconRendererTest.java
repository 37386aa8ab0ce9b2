package dev.paddock.icons;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The icons are rendered when missing or older than the SVG, and left alone (not rewritten) when up to date. */
class IconRendererTest {
    private static final Path SVG = Path.of("paddock.svg");

    @Test
    void rendersMissingIconsAndLeavesUpToDateOnesAlone(@TempDir Path dir) throws Exception {
        // times in the future, so that the renderer's own class file (just compiled) is older than the icons
        Instant now = Instant.now();
        Path svg = Files.copy(SVG, dir.resolve("paddock.svg"));
        Files.setLastModifiedTime(svg, FileTime.from(now.plusSeconds(60)));
        Path folder = dir.resolve("icons");
        String[] args = {svg.toString(), folder.toString(), "16,24"};
        IconRenderer.main(args);
        assertEquals(24, ImageIO.read(folder.resolve("paddock-24.png").toFile()).getWidth());

        FileTime rendered = FileTime.from(now.plusSeconds(120));
        Files.setLastModifiedTime(folder.resolve("paddock-16.png"), rendered);
        Files.setLastModifiedTime(folder.resolve("paddock-24.png"), rendered);
        IconRenderer.main(args);
        assertEquals(rendered, Files.getLastModifiedTime(folder.resolve("paddock-16.png")), "up to date: not rewritten");

        Files.setLastModifiedTime(svg, FileTime.from(now.plusSeconds(180)));
        IconRenderer.main(args);
        assertNotEquals(rendered, Files.getLastModifiedTime(folder.resolve("paddock-16.png")), "a newer SVG: rendered");

        IconRenderer.main(new String[] {svg.toString(), folder.toString(), "16,24,32"});
        assertEquals(32, ImageIO.read(folder.resolve("paddock-32.png").toFile()).getWidth(), "a new size: rendered");
    }
}
