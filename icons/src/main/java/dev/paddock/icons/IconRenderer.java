package dev.paddock.icons;

import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

/**
 * Build tool, run by Maven in the icons module: renders an SVG to square PNGs named {@code paddock-SIZE.png}.
 * Arguments: the SVG, the output folder, and the sizes as a comma-separated list. When every PNG is newer than the
 * SVG and than this renderer, they are left as they are: rendering takes most of a build that changed nothing, and
 * rewritten PNGs would make Maven rebuild the icons jar and recompile everything that depends on it.
 */
public final class IconRenderer {

    private IconRenderer() {
    }

    public static void main(String[] args) throws IOException, TranscoderException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: IconRenderer SVG OUTPUT_FOLDER SIZE,SIZE,...");
        }
        Path svg = Path.of(args[0]);
        Path folder = Files.createDirectories(Path.of(args[1]));
        List<Integer> sizes = Arrays.stream(args[2].split(",")).map(size -> Integer.parseInt(size.strip())).toList();
        if (upToDate(Arrays.asList(svg, renderer()), sizes.stream().map(size -> png(folder, size)).toList())) {
            return;
        }
        for (int size : sizes) {
            render(svg, size, png(folder, size));
        }
    }

    private static Path png(Path folder, int size) {
        return folder.resolve("paddock-" + size + ".png");
    }

    /** This class's file, or null when it does not come from a file. */
    private static Path renderer() {
        try {
            return Path.of(IconRenderer.class.getResource(IconRenderer.class.getSimpleName() + ".class").toURI());
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether every output exists and is newer than every input (an unknown input is never older). */
    static boolean upToDate(List<Path> inputs, List<Path> outputs) throws IOException {
        FileTime newestInput = FileTime.fromMillis(0);
        for (Path input : inputs) {
            if (input == null || !Files.exists(input)) {
                return false;
            }
            FileTime modified = Files.getLastModifiedTime(input);
            newestInput = modified.compareTo(newestInput) > 0 ? modified : newestInput;
        }
        for (Path output : outputs) {
            if (!Files.isRegularFile(output) || Files.getLastModifiedTime(output).compareTo(newestInput) <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Renders the SVG at size x size pixels into the file, replacing it whole. */
    static void render(Path svg, int size, Path png) throws IOException, TranscoderException {
        PNGTranscoder transcoder = new PNGTranscoder();
        transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (float) size);
        transcoder.addTranscodingHint(PNGTranscoder.KEY_HEIGHT, (float) size);
        Path temporary = png.resolveSibling(png.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            transcoder.transcode(new TranscoderInput(svg.toUri().toString()), new TranscoderOutput(out));
        }
        Files.move(temporary, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
