package dev.paddock.core.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The areas a path rule should not cover whole, and what covering each gives away: /proc, /sys and /dev. The one
 * judgement the enforcement report's warnings and the lint both use, so that they never disagree.
 */
public final class BroadAreas {

    private static final Map<String, String> AREAS = Map.of(
            "/proc", "the environment and command line of your other processes can be read in /proc (Landlock "
                    + "does not stop that)",
            "/sys", "/sys holds the kernel's and the devices' settings",
            "/dev", "/dev holds every device node");

    private BroadAreas() {
    }

    /** The areas (in name order) that a rule leading to {@code target} covers whole: it is one of them or above. */
    public static List<String> coveredBy(Path target) {
        return AREAS.keySet().stream().sorted().filter(area -> Path.of(area).startsWith(target)).toList();
    }

    /** What covering the area gives away, in words; the area is one that {@link #coveredBy} returns. */
    public static String consequence(String area) {
        String words = AREAS.get(area);
        if (words == null) {
            throw new IllegalArgumentException(area + " is not one of " + AREAS.keySet());
        }
        return words;
    }
}
