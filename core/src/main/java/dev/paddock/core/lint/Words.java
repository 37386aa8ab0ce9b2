package dev.paddock.core.lint;

import java.util.List;

/** How findings list things: the first few, then how many more. */
final class Words {
    /** How many items a sentence names before it says "and N more". */
    static final int SHOWN = 4;

    private Words() {
    }

    /** "a, b and c", or "a, b, c, d and 3 more". */
    static String some(List<?> items) {
        List<String> words = items.stream().map(String::valueOf).distinct().toList();
        if (words.size() == 1) {
            return words.get(0);
        }
        if (words.size() > SHOWN) {
            return String.join(", ", words.subList(0, SHOWN)) + " and " + (words.size() - SHOWN) + " more";
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
