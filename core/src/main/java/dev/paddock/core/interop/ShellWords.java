package dev.paddock.core.interop;

import dev.paddock.core.profile.ControlCharacters;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell words: quoting for export, splitting for import. Variables written {@code ${NAME}} in paths survive
 * both ways, so that a profile's portable paths stay portable in a command line; command words are always literal.
 */
public final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    private ShellWords() {
    }

    /** Quotes a word so that the shell reads it back unchanged, every {@code $} included. */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        if (word.indexOf('\'') >= 0 && word.chars().noneMatch(c -> "$`!".indexOf(c) >= 0)) {
            // easier to read than '...'\''...'; ! is left out, since interactive bash expands it in double quotes
            StringBuilder out = new StringBuilder("\"");
            escapeDoubleQuoted(word, out);
            return out.append('"').toString();
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Quotes a path so that the shell reads it back unchanged except its {@code ${NAME}}s, which it expands. */
    public static String quoteKeepingVariables(String word) {
        var matcher = VARIABLE.matcher(word);
        if (!matcher.find()) {
            return quote(word);
        }
        StringBuilder out = new StringBuilder("\"");
        int i = 0;
        do {
            escapeDoubleQuoted(word.substring(i, matcher.start()), out);
            out.append(matcher.group());
            i = matcher.end();
        } while (matcher.find());
        escapeDoubleQuoted(word.substring(i), out);
        return out.append('"').toString();
    }

    private static void escapeDoubleQuoted(String text, StringBuilder out) {
        for (char c : text.toCharArray()) {
            if (c == '!') {
                // no backslash escapes ! in bash's double quotes; close them around a single-quoted one
                out.append("\"'!'\"");
                continue;
            }
            if (c == '"' || c == '\\' || c == '$' || c == '`') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** Joins words into one command line, every word literal. */
    public static String join(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(quote(word));
        }
        return String.join(" ", quoted);
    }

    /**
     * Joins an export's words into one line for a person to read and paste. Single quotes keep any character, but a
     * carriage return, an escape sequence or a backspace would act on the terminal that shows the line or change
     * when pasted, so only a tab and a newline are let through.
     *
     * @param format names the line in the refusal, e.g. "a landrun line"
     * @throws IllegalArgumentException with one sentence naming the word
     */
    static String line(List<ExportWord> words, String format) {
        List<String> quoted = new ArrayList<>();
        for (ExportWord word : words) {
            int control = ControlCharacters.find(word.text(), true);
            if (control >= 0) {
                throw new IllegalArgumentException(format + " cannot hold the control character "
                        + ControlCharacters.name(control) + " of the word \"" + ControlCharacters.visible(word.text())
                        + "\": a shell line can quote a tab or a newline, and no other control character");
            }
            quoted.add(word.variables() ? quoteKeepingVariables(word.text()) : quote(word.text()));
        }
        return String.join(" ", quoted);
    }

    /**
     * Splits a command line as a POSIX shell would, without running or expanding anything: quotes, backslashes and
     * line continuations are honoured, {@code $NAME} and {@code ${NAME}} outside single quotes are kept as
     * {@code ${NAME}}. Command substitution, globs and operators are refused, since a pasted line must not be run.
     * A line break outside quotes is refused too: the shell would run what follows as a second command, and reading
     * it as more words of the first would silently merge the two. A backslash before it continues the line, as in
     * the shell (also before a Windows line end), since pasted commands are often spread over lines that way.
     *
     * @throws IllegalArgumentException with one sentence naming the problem
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("the line ends with a lone backslash");
                }
                char next = line.charAt(i + 1);
                if (line.startsWith("\r\n", i + 1)) {
                    i += 3;
                    continue;
                }
                if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
                i += 2;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a single quote opened at character " + (i + 1)
                            + " is never closed");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = true;
            } else if (c == '$') {
                i = variable(line, i, word);
                inWord = true;
            } else if (isLineBreak(c)) {
                throw lineBreak(i);
            } else if (c != '\t' && ControlCharacters.isControl(c)) {
                throw new IllegalArgumentException("the control character " + ControlCharacters.name(c)
                        + " at character " + (i + 1) + " is not part of a shell word: quote it or leave it out");
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if ("|&;<>()`".indexOf(c) >= 0) {
                throw new IllegalArgumentException("the shell operator " + c + " at character " + (i + 1)
                        + " is not part of a single command; paste one command");
            } else if (c == '#' && !inWord) {
                for (int end = i; end < line.length(); end++) {
                    if (isLineBreak(line.charAt(end))) {
                        throw lineBreak(end);
                    }
                }
                break;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** What ends a line for the shell, or shows as a line break where the line was copied from. */
    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static IllegalArgumentException lineBreak(int at) {
        return new IllegalArgumentException("the line breaks at character " + (at + 1) + ", which would start a "
                + "second command: paste one command, ending each line but the last with a backslash");
    }

    private static int doubleQuoted(String line, int start, StringBuilder word) {
        int i = start + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                if (line.charAt(i + 1) != '\n') {
                    word.append(line.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$') {
                i = variable(line, i, word);
            } else if (c == '`') {
                throw new IllegalArgumentException("command substitution at character " + (i + 1)
                        + " cannot be imported; paste the command with its values");
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("a double quote opened at character " + (start + 1) + " is never closed");
    }

    private static int variable(String line, int start, StringBuilder word) {
        int i = start + 1;
        if (i < line.length() && line.charAt(i) == '{') {
            int end = line.indexOf('}', i);
            String name = end < 0 ? "" : line.substring(i + 1, end);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("the variable at character " + (start + 1)
                        + " is not a plain ${NAME}");
            }
            word.append("${").append(name).append('}');
            return end + 1;
        }
        if (i < line.length() && line.charAt(i) == '(') {
            throw new IllegalArgumentException("command substitution at character " + (start + 1)
                    + " cannot be imported; paste the command with its values");
        }
        int end = i;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
            end++;
        }
        if (end == i) {
            word.append('$');
            return i;
        }
        word.append("${").append(line, i, end).append('}');
        return end;
    }
}
