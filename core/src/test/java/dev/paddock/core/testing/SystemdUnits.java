package dev.paddock.core.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a unit file back the way systemd 252 does (src/shared/conf-parser.c and fileio.c), so that a test can see
 * exactly which directives a unit holds and which words its ExecStart= runs.
 */
public final class SystemdUnits {
    /** Marks a "$" or "%" that systemd would expand rather than pass on; never in an expected word. */
    public static final char EXPANDED_DOLLAR = '\uE000';
    public static final char EXPANDED_PERCENT = '\uE001';

    private SystemdUnits() {
    }

    /** One KEY=VALUE line of a section. */
    public record Directive(String section, String key, String value) {
        public String name() {
            return section + "/" + key;
        }
    }

    /**
     * The directives of a unit: lines end at a newline, a carriage return or a NUL; comment lines are skipped (also
     * inside a continuation); a line whose last backslash is unpaired continues on the next line.
     */
    public static List<Directive> directives(String unit) {
        List<Directive> directives = new ArrayList<>();
        String section = "";
        StringBuilder continuation = null;
        for (String raw : unit.split("\r\n|[\r\n\0]", -1)) {
            String stripped = raw.stripLeading();
            if (!stripped.isEmpty() && "#;".indexOf(stripped.charAt(0)) >= 0) {
                continue;
            }
            String line = continuation == null ? raw : continuation.append(raw).toString();
            boolean escaped = false;
            for (char c : line.toCharArray()) {
                escaped = !escaped && c == '\\';
            }
            if (escaped) {
                continuation = new StringBuilder(line.substring(0, line.length() - 1)).append(' ');
                continue;
            }
            continuation = null;
            line = strip(line);
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                directives.add(new Directive(section, line, null));
            } else {
                directives.add(new Directive(section, strip(line.substring(0, eq)), strip(line.substring(eq + 1))));
            }
        }
        return directives;
    }

    /** systemd strips only these: " \t\n\r". */
    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && " \t\n\r".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\n\r".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * The words of an ExecStart= value: unquoted and C-unescaped (systemd.syntax(7)), then "%%" and "$$" made single.
     * A "%" or "$" that systemd would expand instead comes back as {@link #EXPANDED_PERCENT} or
     * {@link #EXPANDED_DOLLAR}, so that it cannot pass for a literal one.
     */
    public static List<String> execWords(String value) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < value.length() && " \t\n\r".indexOf(value.charAt(i)) >= 0) {
                i++;
            }
            if (i >= value.length()) {
                return words;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < value.length()) {
                char c = value.charAt(i);
                if (quote == 0 && " \t\n\r".indexOf(c) >= 0) {
                    break;
                }
                if (c == '\\') {
                    i = unescape(value, i + 1, word);
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    i++;
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException("unbalanced quoting in " + value);
            }
            words.add(expand(word.toString()));
        }
    }

    private static int unescape(String value, int i, StringBuilder word) {
        char c = value.charAt(i);
        switch (c) {
            case 'a' -> word.append('\007');
            case 'b' -> word.append('\b');
            case 'f' -> word.append('\f');
            case 'n' -> word.append('\n');
            case 'r' -> word.append('\r');
            case 't' -> word.append('\t');
            case 'v' -> word.append('\013');
            case 's' -> word.append(' ');
            case '\\', '"', '\'' -> word.append(c);
            case 'x' -> {
                word.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                return i + 3;
            }
            case 'u' -> {
                word.appendCodePoint(Integer.parseInt(value.substring(i + 1, i + 5), 16));
                return i + 5;
            }
            default -> throw new IllegalArgumentException("unknown escape \\" + c + " in " + value);
        }
        return i + 1;
    }

    private static String expand(String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if ((c == '%' || c == '$') && i + 1 < word.length() && word.charAt(i + 1) == c) {
                out.append(c);
                i++;
            } else if (c == '%') {
                out.append(EXPANDED_PERCENT);
            } else if (c == '$') {
                out.append(EXPANDED_DOLLAR);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
