package dev.paddock.core.lesson;

/**
 * A file, folder or socket the checker makes in the lesson's temporary folder before it runs anything.
 *
 * @param path  where, relative to the lesson's folder ({@code ${LESSON_DIR}})
 * @param kind  what to make
 * @param value the text of a {@link Kind#TEXT} file, or the file a {@link Kind#COPY} copies; empty otherwise
 */
public record Fixture(String path, Kind kind, String value) {

    /** What a fixture is. */
    public enum Kind {
        /** A file holding a text. */
        TEXT,
        /** A copy of a file of this machine, executable when the original is (a program to run). */
        COPY,
        /** An empty folder. */
        FOLDER,
        /** A pathname UNIX socket the checker listens on. */
        SOCKET
    }

    /**
     * Checks and copies the components.
     *
     * @param path see the record
     * @param kind see the record
     * @param value see the record
     */
    public Fixture {
        if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("the fixture path \"" + path
                    + "\" must be relative to the lesson's folder, without \"..\"");
        }
        value = value == null ? "" : value;
    }
}
