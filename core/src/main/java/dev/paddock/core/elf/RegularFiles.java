package dev.paddock.core.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * ldd turns paths read from a program's headers into rules, and a rule covers everything beneath its path: so each
 * must lead, once symbolic links are followed, to a regular file. This names what a path leads to when it does not.
 */
final class RegularFiles {
    private static final int S_IFMT = 0170000;

    private RegularFiles() {
    }

    /**
     * What a path that should lead to a regular file leads to instead.
     *
     * @param shown the path, and where it leads when that differs, as "/tmp/ld.so (-> /)"
     * @param kind  what it is, as "a directory"
     */
    record NotRegular(String shown, String kind) {
    }

    /** Null when {@code path} leads to a regular file or to nothing at all; otherwise what it leads to. */
    static NotRegular check(Path path) throws IOException {
        if (Files.isRegularFile(path) || !Files.exists(path)) {
            return null;
        }
        Path target = path.toRealPath();
        String shown = target.equals(path.toAbsolutePath().normalize()) ? path.toString()
                : path + " (-> " + target + ")";
        return new NotRegular(shown, kind(target));
    }

    private static String kind(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return "a directory";
        }
        // The "unix" attribute view has st_mode on Linux; the basic view cannot tell a device from a FIFO.
        int type = (Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
        return switch (type) {
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0010000 -> "a FIFO";
            case 0140000 -> "a socket";
            default -> "a special file";
        };
    }
}
