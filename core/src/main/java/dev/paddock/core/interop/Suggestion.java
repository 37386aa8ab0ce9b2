package dev.paddock.core.interop;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean export?": the known word closest to a mistyped one, if it is close enough to be what was meant; the
 * CLI's commands and run's flags use it.
 */
public final class Suggestion {

    private Suggestion() {
    }

    /**
     * The closest candidate within two edits (a swap of neighbours counts as one), or within a third of its length; of
     * two as close, the one as long as the word ("rxo" is "rox" swapped rather than "ro" with a letter more).
     *
     * @param word       what was typed
     * @param candidates the known words
     * @return the word that was probably meant, or empty when none is close
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestLengthGap = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word, candidate);
            int lengthGap = Math.abs(word.length() - candidate.length());
            if (distance < bestDistance || distance == bestDistance && lengthGap < bestLengthGap) {
                best = candidate;
                bestDistance = distance;
                bestLengthGap = lengthGap;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
