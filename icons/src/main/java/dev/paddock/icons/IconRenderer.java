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

/**
 * Build tool, run by Maven in the icons module: renders an SVG to square PNGs named {@code paddock-SIZE.png}.
 * Arguments: the SVG, the output folder, and the sizes as a comma-separated list.
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
        for (String size : args[2].split(",")) {
            render(svg, Integer.parseInt(size.strip()), folder.resolve("paddock-" + size.strip() + ".png"));
        }
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
