package dev.paddock.core.profile;

/**
 * The C0 and C1 control characters, DEL, and the Unicode line and paragraph separators (U+2028, U+2029). In an
 * export they are dangerous: a newline, a carriage return or a NUL ends a line of a systemd unit or a desktop entry,
 * so a value holding one can add a directive of its own, and the others act on the terminal that shows the export or
 * hide text from the person who reads it.
 *
 * <p>A profile therefore refuses them in paths, the working directory and variable names, which never need them.
 * Command words and variable values may hold a tab or a newline, since every export that carries them can quote
 * those two exactly (shell single quotes, systemd's C escapes), and no other control character.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    public static boolean isControl(int codePoint) {
        return Character.isISOControl(codePoint) || codePoint == 0x2028 || codePoint == 0x2029;
    }

    /** The first control character in {@code text}, or -1; a tab and a newline count only when not allowed. */
    public static int find(String text, boolean tabAndNewlineAllowed) {
        return text.codePoints().filter(c -> isControl(c) && !(tabAndNewlineAllowed && (c == '\t' || c == '\n')))
                .findFirst().orElse(-1);
    }

    /** The first control character in {@code text}, or -1. */
    public static int find(String text) {
        return find(text, false);
    }

    /** How a message names a control character: U+000A (newline). */
    public static String name(int codePoint) {
        String code = String.format("U+%04X", codePoint);
        String name = switch (codePoint) {
            case 0 -> "NUL";
            case '\t' -> "tab";
            case '\n' -> "newline";
            case '\r' -> "carriage return";
            case 0x1b -> "escape";
            case 0x7f -> "delete";
            case 0x85 -> "next line";
            case 0x2028 -> "line separator";
            case 0x2029 -> "paragraph separator";
            default -> null;
        };
        return name == null ? code : code + " (" + name + ")";
    }

    /** {@code text} with every control character written as \\uXXXX, so that a message can quote it harmlessly. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (isControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
