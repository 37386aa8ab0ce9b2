package dev.paddock.app.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Which denial an output line reports, when that can be told: the line carries the error's words ("Permission
 * denied", "Operation not permitted"), names the denied path (whole, or its last parts, as a program prints a
 * relative path), and comes soon after the denial. Anything less is not marked. The denials are indexed by their
 * file name as the trace's thread sees them, so a line is matched before the view has shown its denial.
 */
final class DenialLines {
    /** How long after a denial a line may report it. */
    static final Duration WINDOW = Duration.ofSeconds(10);
    private static final String[] ERRORS = {"Permission denied", "Operation not permitted"};
    private static final String SEPARATORS = " \t'\"`:,;()[]{}<>";

    private final ConcurrentHashMap<String, Queue<Tally>> byName = new ConcurrentHashMap<>();

    /** Indexes a new denial (the trace's thread). */
    void add(Tally denial) {
        index(denial.first.access().path(), denial);
        index(denial.first.access().otherPath(), denial);
    }

    private void index(String path, Tally denial) {
        if (path != null && !path.isEmpty()) {
            byName.computeIfAbsent(name(path), k -> new ConcurrentLinkedQueue<>()).add(denial);
        }
    }

    /** The denial the line reports, or null if it cannot tell. */
    Tally find(String line, Instant at) {
        if (byName.isEmpty() || !reportsAnError(line)) {
            return null;
        }
        Tally best = null;
        int bestLength = 0;
        for (String token : tokens(line)) {
            Queue<Tally> candidates = byName.get(name(token));
            if (candidates == null || token.length() <= bestLength) {
                continue;
            }
            for (Tally denial : candidates) {
                if (names(denial, token) && recent(denial, at)) {
                    best = denial;
                    bestLength = token.length();
                }
            }
        }
        return best;
    }

    static boolean reportsAnError(String line) {
        for (String error : ERRORS) {
            if (line.contains(error)) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(Tally denial, String token) {
        return same(denial.first.access().path(), token) || same(denial.first.access().otherPath(), token);
    }

    /** Whether the token is the path, or its last parts (a relative path as the program printed it). */
    private static boolean same(String path, String token) {
        if (path == null) {
            return false;
        }
        String relative = token.startsWith("./") ? token.substring(2) : token;
        return path.equals(token) || !relative.isEmpty() && !relative.startsWith("/")
                && path.endsWith("/" + relative);
    }

    private static boolean recent(Tally denial, Instant at) {
        return !denial.first.time().isAfter(at.plusSeconds(1))
                && !denial.last.plus(WINDOW).isBefore(at);
    }

    private static String name(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean separator = i == line.length() || SEPARATORS.indexOf(line.charAt(i)) >= 0;
            if (separator && start >= 0) {
                out.add(line.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return out;
    }
}
