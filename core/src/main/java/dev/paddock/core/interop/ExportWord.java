package dev.paddock.core.interop;

/**
 * One word of an exported command line. Paddock expands {@code ${NAME}} in paths just before a run, so a path word
 * keeps its variables for the shell or systemd to expand; command words and variable values are never expanded by
 * Paddock, so every {@code $} in them must reach the program as it is.
 *
 * @param text      the word
 * @param variables whether its {@code ${NAME}}s are meant to be expanded
 */
record ExportWord(String text, boolean variables) {

    static ExportWord literal(String text) {
        return new ExportWord(text, false);
    }

    static ExportWord expanding(String text) {
        return new ExportWord(text, true);
    }
}
