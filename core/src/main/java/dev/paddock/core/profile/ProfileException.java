package dev.paddock.core.profile;

/**
 * A profile could not be read or saved. The message is one sentence that names the file, the field and its line and
 * column where there is one.
 */
public final class ProfileException extends Exception {
    private final int line;
    private final int column;

    public ProfileException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
        this.line = -1;
        this.column = -1;
    }

    /** The line of the problem, from 1, or -1 when it has none. */
    public int line() {
        return line;
    }

    /** The column of the problem, from 1, or -1 when it has none. */
    public int column() {
        return column;
    }
}
