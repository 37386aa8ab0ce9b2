package dev.paddock.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a desktop entry back as the Desktop Entry Specification (1.5) says: lines end at a newline, string values
 * are unescaped (\s \n \t \r \\), and then Exec is unquoted and its field codes resolved.
 */
public final class DesktopFiles {
    /** Marks a "%" that a desktop would read as a field code; never in an expected word. */
    public static final char FIELD_CODE = '\uE001';

    private DesktopFiles() {
    }

    /** One KEY=VALUE line of a group, the value still escaped. */
    public record Entry(String group, String key, String value) {
    }

    public static List<Entry> entries(String text) {
        List<Entry> entries = new ArrayList<>();
        String group = "";
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                group = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            entries.add(eq < 0 ? new Entry(group, line, null)
                    : new Entry(group, line.substring(0, eq).strip(), line.substring(eq + 1).stripLeading()));
        }
        return entries;
    }

    public static String value(String text, String key) {
        return entries(text).stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow().value();
    }

    /** The string escapes: \s \n \t \r \\. */
    public static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(switch (next) {
                    case 's' -> ' ';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '\\' -> '\\';
                    default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + value);
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The program and arguments of an Exec value as written in the file: string escapes first, then the Exec quoting
     * (inside double quotes a backslash escapes " ` $ and \), then %% becomes %.
     */
    public static List<String> execWords(String escapedValue) {
        String line = unescape(escapedValue);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length() && "\"`$\\".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(fieldCodes(word.toString()));
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quote is never closed in " + escapedValue);
        }
        if (inWord) {
            words.add(fieldCodes(word.toString()));
        }
        return words;
    }

    private static String fieldCodes(String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '%' && i + 1 < word.length() && word.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else {
                out.append(c == '%' ? FIELD_CODE : c);
            }
        }
        return out.toString();
    }

    /** desktop-file-validate's complaints about a file, or null when the tool is not installed. */
    public static String validate(Path... files) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/desktop-file-validate"))) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/desktop-file-validate"));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process validate = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = Streams.read(validate.getInputStream());
        validate.waitFor();
        return out.strip();
    }
}
