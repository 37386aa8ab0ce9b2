package dev.paddock.core.interop;

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
        entry.append("Icon=").append(ICON).append('\n');
        entry.append("Terminal=").append(terminal).append('\n');
        entry.append("Categories=Utility;\n");
        entry.append("X-Paddock-Profile=").append(value(profileFile.toAbsolutePath().toString())).append('\n');
        return new Export(entry.toString(), List.of());
    }

    /** A string value: newlines and backslashes escaped as the spec says. */
    static String value(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    /** The Exec key's quoting, then the string escaping on top of it (so a backslash becomes four). */
    static String execLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            String escaped = word.replace("%", "%%");
            boolean plain = !escaped.isEmpty() && escaped.chars()
                    .noneMatch(c -> " \t\n\"'\\><~|&;$*?#()`=".indexOf(c) >= 0);
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
