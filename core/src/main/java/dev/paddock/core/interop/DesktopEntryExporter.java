package dev.paddock.core.interop;

import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.Profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A freedesktop.org .desktop entry that launches the profile through {@code paddock run --profile}, so it keeps
 * working when the profile is edited.
 */
public final class DesktopEntryExporter {
    /** The icon name Paddock installs in the hicolor theme. */
    public static final String ICON = "dev.paddock.Paddock";

    private DesktopEntryExporter() {
    }

    /** @throws IllegalArgumentException with one sentence naming a word that Exec cannot hold */
    public static Export export(Profile profile, Path profileFile, List<String> paddock, boolean terminal) {
        List<String> exec = new ArrayList<>(paddock);
        exec.addAll(List.of("run", "--profile", profileFile.toAbsolutePath().toString()));
        StringBuilder entry = new StringBuilder();
        entry.append("[Desktop Entry]\n");
        entry.append("Type=Application\n");
        entry.append("Version=1.4\n");
        entry.append("Name=").append(value(profile.name())).append('\n');
        String comment = profile.description().isBlank() ? "Runs in a Paddock sandbox" : profile.description();
        entry.append("Comment=").append(value(comment)).append('\n');
        entry.append("Exec=").append(execLine(exec)).append('\n');
        List<String> warnings = new ArrayList<>();
        if (SystemdUnitExporter.usesPwd(profile)) {
            String here = Path.of("").toAbsolutePath().toString();
            entry.append("Path=").append(value(here)).append('\n');
            warnings.add("the profile's ${PWD} rules follow the folder it runs in, and a menu starts it in your home or "
                    + "in /: the entry runs it in " + here + ", the folder it was made from");
        }
        entry.append("Icon=").append(ICON).append('\n');
        entry.append("Terminal=").append(terminal).append('\n');
        entry.append("Categories=Utility;\n");
        entry.append("X-Paddock-Profile=").append(value(profileFile.toAbsolutePath().toString())).append('\n');
        return new Export(entry.toString(), warnings);
    }

    /**
     * A string value as the spec escapes it: \\ \n \t \r, and \s for a leading space, which readers would strip.
     * Other control characters cannot be written in a desktop entry; in free text (the name, the comment) each
     * becomes a space.
     */
    static String value(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c == ' ' || ControlCharacters.isControl(c)) {
                        out.append(out.isEmpty() ? "\\s" : " ");
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** The reverse of {@link #value}: what a desktop reads from a string value. */
    static String unescape(String value) {
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
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The Exec key's quoting, then the string escaping on top of it (so a backslash becomes four): a word with a
     * reserved character (or a control character) is double-quoted, with " ` $ and \\ escaped inside; % is doubled
     * so that it is not a field code. A tab, a newline or a carriage return is written as its string escape inside
     * the quotes; any other control character has no spelling in a desktop entry and is refused.
     *
     * @throws IllegalArgumentException with one sentence naming the word
     */
    static String execLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            int control = ControlCharacters.find(word.replaceAll("[\t\n\r]", ""));
            if (control >= 0) {
                throw new IllegalArgumentException("a desktop entry cannot hold the control character "
                        + ControlCharacters.name(control) + " of the word \"" + ControlCharacters.visible(word)
                        + "\" in Exec");
            }
            String escaped = word.replace("%", "%%");
            boolean plain = !escaped.isEmpty() && escaped.chars()
                    .noneMatch(c -> " \t\n\r\"'\\><~|&;$*?#()`=".indexOf(c) >= 0);
            if (!plain) {
                StringBuilder out = new StringBuilder("\"");
                for (char c : escaped.toCharArray()) {
                    if (c == '"' || c == '`' || c == '$' || c == '\\') {
                        out.append('\\');
                    }
                    out.append(c);
                }
                escaped = out.append('"').toString();
            }
            quoted.add(value(escaped));
        }
        return String.join(" ", quoted);
    }
}
