package dev.paddock.app.console;

import java.util.ArrayDeque;

/**
 * The console's plain-text history for Copy and Save: the last {@link #MAX_LINES} lines, and never more than
 * {@link #MAX_CHARS} characters, whatever the child writes. Carriage returns redraw the open line, as on screen.
 */
public final class Scrollback {
    public static final int MAX_LINES = 100_000;
    public static final long MAX_CHARS = 16L << 20;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final StringBuilder open = new StringBuilder();
    private long chars;

    /** Adds text; {@code returnFirst} clears the open line first. */
    public void add(String text, boolean returnFirst) {
        if (returnFirst) {
            open.setLength(0);
        }
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            open.append(text, start, i);
            push(open.toString());
            open.setLength(0);
            start = i + 1;
        }
        open.append(text, start, text.length());
    }

    private void push(String line) {
        lines.addLast(line);
        chars += line.length() + 1;
        while (lines.size() > MAX_LINES || chars > MAX_CHARS) {
            chars -= lines.removeFirst().length() + 1;
        }
    }

    public int lineCount() {
        return lines.size() + (open.length() > 0 ? 1 : 0);
    }

    public void clear() {
        lines.clear();
        open.setLength(0);
        chars = 0;
    }

    /** Everything kept, as text. */
    public String text() {
        StringBuilder text = new StringBuilder((int) Math.min(chars + open.length(), Integer.MAX_VALUE - 8));
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.append(open).toString();
    }
}
