package dev.paddock.app.console;

import java.util.ArrayDeque;

/**
 * The console's plain-text history for Copy and Save: the last {@link #MAX_LINES} lines, and never much more than
 * {@link #MAX_CHARS} characters, whatever the child writes. It keeps whole pieces of output as they came, counting
 * their lines, so that taking in output costs one scan, not one string per line. Carriage returns redraw the open
 * line, as on screen.
 */
public final class Scrollback {
    public static final int MAX_LINES = 100_000;
    public static final long MAX_CHARS = 16L << 20;

    /** A piece of output and the newlines in it. */
    private record Piece(String text, int lines) {
    }

    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    private long lines;
    private long chars;

    /** Adds text; {@code returnFirst} clears the open line first. */
    public void add(String text, boolean returnFirst) {
        add(text, returnFirst, RunOutput.newlines(text));
    }

    /** Adds text whose newlines the caller has counted already. */
    void add(String text, boolean returnFirst, int newlines) {
        if (returnFirst) {
            clearOpenLine();
        }
        if (text.isEmpty()) {
            return;
        }
        pieces.addLast(new Piece(text, newlines));
        lines += newlines;
        chars += text.length();
        // drop whole pieces while what remains still holds the last MAX_LINES lines and stays within MAX_CHARS
        while (pieces.size() > 1 && (lines - pieces.peekFirst().lines() >= MAX_LINES || chars > MAX_CHARS)) {
            Piece dropped = pieces.removeFirst();
            lines -= dropped.lines();
            chars -= dropped.text().length();
        }
    }

    /** Removes what follows the last newline. */
    private void clearOpenLine() {
        while (!pieces.isEmpty()) {
            Piece last = pieces.peekLast();
            int newline = last.text().lastIndexOf('\n');
            if (newline == last.text().length() - 1) {
                return;
            }
            pieces.removeLast();
            chars -= last.text().length();
            if (newline >= 0) {
                String kept = last.text().substring(0, newline + 1);
                pieces.addLast(new Piece(kept, last.lines()));
                chars += kept.length();
                return;
            }
        }
    }

    public int lineCount() {
        return (int) Math.min(lines, MAX_LINES);
    }

    public void clear() {
        pieces.clear();
        lines = 0;
        chars = 0;
    }

    /** The last {@link #MAX_LINES} lines (and the open line), as text. */
    public String text() {
        StringBuilder all = new StringBuilder((int) Math.min(chars, Integer.MAX_VALUE - 8));
        pieces.forEach(piece -> all.append(piece.text()));
        long excess = lines - MAX_LINES;
        int start = 0;
        while (excess > 0 && start < all.length()) {
            int newline = all.indexOf("\n", start);
            if (newline < 0) {
                break;
            }
            start = newline + 1;
            excess--;
        }
        return all.substring(start);
    }
}
