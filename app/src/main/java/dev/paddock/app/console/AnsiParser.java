package dev.paddock.app.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns terminal output into styled runs: SGR colours and weights become style classes, other escape sequences are
 * dropped, and a carriage return that is not part of CRLF is reported so the console can redraw the line (progress
 * bars). State carries over between calls, since a sequence may be split across chunks.
 */
public final class AnsiParser {

    /** A run of text with its style classes; {@code returnFirst} means: go back to the start of the line first. */
    public record Run(String text, List<String> styles, boolean returnFirst) {
    }

    private enum State { TEXT, ESCAPE, CSI, OSC }

    private State state = State.TEXT;
    private final StringBuilder parameters = new StringBuilder();
    private int foreground = -1;
    private boolean bold;
    private boolean underline;
    private boolean pendingReturn;
    private final String baseStyle;

    /** @param baseStyle the style class of the stream, such as "stdout" or "stderr" */
    public AnsiParser(String baseStyle) {
        this.baseStyle = baseStyle;
    }

    public List<Run> parse(CharSequence chars) {
        String input = chars.toString();
        if (state == State.TEXT && plain(input)) {
            // the common case of a flood: no escapes, no carriage returns, nothing to drop
            Run run = plainRun(input);
            return run == null ? new ArrayList<>(0) : new ArrayList<>(List.of(run));
        }
        List<Run> runs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int length = input.length();
        int i = 0;
        while (i < length) {
            char c = input.charAt(i);
            if (state == State.TEXT) {
                if (c >= 0x20 || c == '\n' || c == '\t') {
                    // the common case: printable text and newlines, copied in one piece
                    int end = i;
                    while (end < length) {
                        char d = input.charAt(end);
                        if (d < 0x20 && d != '\n' && d != '\t') {
                            break;
                        }
                        end++;
                    }
                    if (text.isEmpty() && c == '\n') {
                        // the CR of a CRLF that was split across chunks: just a newline
                        pendingReturn = false;
                    }
                    text.append(input, i, end);
                    i = end;
                    continue;
                }
                if (c == 0x1b) {
                    flush(runs, text);
                    state = State.ESCAPE;
                } else if (c == '\r') {
                    if (i + 1 < length && input.charAt(i + 1) == '\n') {
                        i++;
                        continue;
                    }
                    flush(runs, text);
                    pendingReturn = true;
                }
                i++;
                continue;
            }
            switch (state) {
                case ESCAPE -> {
                    if (c == '[') {
                        state = State.CSI;
                        parameters.setLength(0);
                    } else if (c == ']') {
                        state = State.OSC;
                    } else {
                        state = State.TEXT;
                    }
                }
                case CSI -> {
                    if (c >= 0x40 && c <= 0x7e) {
                        if (c == 'm') {
                            applySgr(parameters.toString());
                        }
                        state = State.TEXT;
                    } else {
                        parameters.append(c);
                    }
                }
                case OSC -> {
                    if (c == 0x07 || c == 0x1b) {
                        state = c == 0x1b ? State.ESCAPE : State.TEXT;
                    }
                }
                default -> {
                }
            }
            i++;
        }
        flush(runs, text);
        return runs;
    }

    /** Whether no escape sequence is open, so that text without control characters can skip {@link #parse}. */
    public boolean inText() {
        return state == State.TEXT;
    }

    /**
     * The run of a text the caller knows to hold no control character but newlines and tabs, while {@link #inText};
     * null for empty text.
     */
    public Run plainRun(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (pendingReturn && text.charAt(0) == '\n') {
            // the CR of a CRLF that was split across chunks: just a newline
            pendingReturn = false;
        }
        Run run = new Run(text, styles(), pendingReturn);
        pendingReturn = false;
        return run;
    }

    private static boolean plain(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private void flush(List<Run> runs, StringBuilder text) {
        if (text.isEmpty()) {
            return;
        }
        runs.add(new Run(text.toString(), styles(), pendingReturn));
        pendingReturn = false;
        text.setLength(0);
    }

    private List<String> styles() {
        List<String> styles = new ArrayList<>(3);
        styles.add(baseStyle);
        if (foreground >= 0) {
            styles.add("ansi-fg-" + foreground);
        }
        if (bold) {
            styles.add("ansi-bold");
        }
        if (underline) {
            styles.add("ansi-underline");
        }
        return styles;
    }

    private void applySgr(String text) {
        String[] codes = text.isEmpty() ? new String[] {"0"} : text.split(";");
        for (int i = 0; i < codes.length; i++) {
            int code;
            try {
                code = codes[i].isEmpty() ? 0 : Integer.parseInt(codes[i]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (code == 0) {
                foreground = -1;
                bold = false;
                underline = false;
            } else if (code == 1) {
                bold = true;
            } else if (code == 22) {
                bold = false;
            } else if (code == 4) {
                underline = true;
            } else if (code == 24) {
                underline = false;
            } else if (code >= 30 && code <= 37) {
                foreground = code - 30;
            } else if (code >= 90 && code <= 97) {
                foreground = code - 90 + 8;
            } else if (code == 39) {
                foreground = -1;
            } else if (code == 38 && i + 2 < codes.length && codes[i + 1].equals("5")) {
                int index = parse(codes[i + 2]);
                foreground = index >= 0 && index < 16 ? index : -1;
                i += 2;
            } else if (code == 38 && i + 4 < codes.length && codes[i + 1].equals("2")) {
                i += 4;
            }
        }
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
