package dev.paddock.core.profile;

import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;

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
            case '\f' -> "form feed";
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

    /**
     * The first value of {@code policy} that holds a control character a profile refuses there, as one sentence;
     * null when there is none. The importers, the editor and saving ask it, so that nothing makes a profile that the
     * profile reader would refuse.
     */
    public static String problem(Policy policy) {
        for (PathRule rule : policy.paths()) {
            String problem = pathProblem(rule.path());
            if (problem != null) {
                return problem;
            }
        }
        if (policy.workingDirectory() != null && workingDirectoryProblem(policy.workingDirectory()) != null) {
            return workingDirectoryProblem(policy.workingDirectory());
        }
        for (EnvVar variable : policy.environment()) {
            String problem = environmentProblem(variable.name(), variable.value());
            if (problem != null) {
                return problem;
            }
        }
        for (String word : policy.command()) {
            String problem = commandProblem(word);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Why a path cannot be in a profile, or null. */
    public static String pathProblem(String path) {
        int c = find(path);
        return c < 0 ? null : "the path \"" + visible(path) + "\" holds the control character " + name(c)
                + ", which paths may not hold";
    }

    /** Why a working directory cannot be in a profile, or null. */
    public static String workingDirectoryProblem(String directory) {
        int c = find(directory);
        return c < 0 ? null : "the working directory \"" + visible(directory) + "\" holds the control character "
                + name(c) + ", which it may not hold";
    }

    /** Why a variable ({@code value} null when it is passed) cannot be in a profile, or null. */
    public static String environmentProblem(String name, String value) {
        int c = find(name);
        if (c >= 0) {
            return "the variable name \"" + visible(name) + "\" holds the control character " + name(c)
                    + ", which names may not hold";
        }
        c = value == null ? -1 : find(value, true);
        return c < 0 ? null : "the value of " + name + " holds the control character " + name(c)
                + "; values may hold a tab or a newline, and no other control character";
    }

    /** Why a command word cannot be in a profile, or null. */
    public static String commandProblem(String word) {
        int c = find(word, true);
        return c < 0 ? null : "the command word \"" + visible(word) + "\" holds the control character " + name(c)
                + "; command words may hold a tab or a newline, and no other control character";
    }
}
