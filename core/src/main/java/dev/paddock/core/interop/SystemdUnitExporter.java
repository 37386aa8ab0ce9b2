package dev.paddock.core.interop;

import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd service unit that runs the profile: either through {@code paddock run --profile} (the profile stays the
 * one source of truth) or as the equivalent landrun line.
 *
 * <p>systemd ends a line at a newline, a carriage return or a NUL, so a value that held one could add a directive of
 * its own (an {@code ExecStartPre=} that runs unconfined, say). ExecStart= words are therefore written with systemd's
 * C escapes, free text has its control characters replaced, and a working directory that systemd would read
 * differently is refused.
 */
public final class SystemdUnitExporter {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    /** What ExecStart runs. */
    public enum Runner { PADDOCK, LANDRUN }

    private SystemdUnitExporter() {
    }

    /** @throws IllegalArgumentException with one sentence naming a value that a unit cannot hold safely */
    public static Export export(Profile profile, Path profileFile, Runner runner, List<String> paddock) {
        List<String> warnings = new ArrayList<>();
        List<ExportWord> exec = new ArrayList<>();
        if (runner == Runner.PADDOCK) {
            paddock.forEach(word -> exec.add(ExportWord.literal(word)));
            List.of("run", "--profile", profileFile.toAbsolutePath().toString())
                    .forEach(word -> exec.add(ExportWord.literal(word)));
        } else {
            exec.add(ExportWord.literal("landrun"));
            exec.addAll(LandrunExporter.words(profile.policy(), warnings));
            warnings.add("systemd expands ${NAME} only from the unit's own environment: set Environment= for the "
                    + "variables the paths use");
        }
        StringBuilder unit = new StringBuilder();
        unit.append("[Unit]\n");
        // the value ends in ")", so it never ends in a backslash that would continue the line
        unit.append("Description=").append(oneLine(profile.name()).replace("%", "%%")).append(" (Paddock sandbox)\n");
        if (!profile.description().isBlank()) {
            // systemd skips a comment line whole, even one that ends in a backslash
            unit.append("# ").append(oneLine(profile.description())).append('\n');
        }
        unit.append("\n[Service]\n");
        unit.append("Type=exec\n");
        unit.append("ExecStart=").append(execLine(exec)).append('\n');
        if (runner == Runner.LANDRUN && profile.policy().workingDirectory() != null) {
            String directory = workingDirectory(profile.policy().workingDirectory(), warnings);
            if (directory != null) {
                unit.append("WorkingDirectory=").append(directory).append('\n');
            }
        } else if (runner == Runner.PADDOCK && usesPwd(profile)) {
            String here = Path.of("").toAbsolutePath().toString();
            String directory = workingDirectory(here, warnings);
            if (directory != null) {
                unit.append("WorkingDirectory=").append(directory).append('\n');
                warnings.add("the profile's ${PWD} rules follow the folder it runs in, and systemd starts a unit in /: "
                        + "the unit runs in " + here + ", the folder it was exported from");
            }
        }
        unit.append("\n[Install]\n");
        unit.append("WantedBy=default.target\n");
        return new Export(unit.toString(), warnings);
    }

    /**
     * Whether the profile uses ${PWD}, in a rule or as its working directory: then the folder paddock is started in
     * counts, since ${PWD} is that folder (a working directory of the profile's own does not change it).
     */
    static boolean usesPwd(Profile profile) {
        String directory = profile.policy().workingDirectory();
        return directory != null && directory.contains("${PWD}")
                || profile.policy().paths().stream().anyMatch(rule -> rule.path().contains("${PWD}"));
    }

    /** Free text on one line: each run of control characters (line breaks included) becomes a space. */
    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (!ControlCharacters.isControl(c)) {
                out.appendCodePoint(c);
            } else if (out.isEmpty() || out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        });
        return out.toString().strip();
    }

    /**
     * WorkingDirectory= takes no quotes and no escapes, only specifiers: a control character cannot be written, and
     * systemd strips a trailing space and reads a trailing backslash as a line continuation.
     */
    private static String workingDirectory(String directory, List<String> warnings) {
        int control = ControlCharacters.find(directory);
        if (control >= 0) {
            throw new IllegalArgumentException("a systemd unit cannot hold the working directory \""
                    + ControlCharacters.visible(directory) + "\": it holds the control character "
                    + ControlCharacters.name(control));
        }
        if (!directory.startsWith("/") || PathVariables.hasVariables(directory)
                || List.of(directory.split("/")).contains("..")) {
            warnings.add("systemd needs an absolute WorkingDirectory= without variables or ..: the unit leaves out "
                    + directory + "; set it by hand");
            return null;
        }
        if (directory.endsWith(" ") || directory.endsWith("\\")) {
            throw new IllegalArgumentException("systemd would read the working directory \"" + directory
                    + "\" differently: it cannot end with a space or a backslash");
        }
        return directory.replace("%", "%%");
    }

    /**
     * systemd's quoting (systemd.syntax(7)): double quotes with C escapes, every control character escaped, "%"
     * doubled so that it is not a specifier, and "$" doubled so that it is not a variable, except the ${NAME}s of a
     * path, which systemd expands from the unit's environment.
     */
    static String execLine(List<ExportWord> words) {
        String program = words.get(0).text();
        if (program.isEmpty() || "@-:+!".indexOf(program.charAt(0)) >= 0 || ControlCharacters.find(program) >= 0) {
            // systemd reads a leading @ - : + or ! as a prefix (+ runs with full privileges), and refuses controls
            throw new IllegalArgumentException("systemd cannot run the program \"" + ControlCharacters.visible(program)
                    + "\": it must not be empty, start with @, -, :, + or !, or hold a control character");
        }
        List<String> quoted = new ArrayList<>();
        for (ExportWord word : words) {
            quoted.add(quote(word));
        }
        return String.join(" ", quoted);
    }

    private static String quote(ExportWord word) {
        String text = word.text();
        StringBuilder out = new StringBuilder();
        Matcher variable = VARIABLE.matcher(text);
        int i = 0;
        while (i < text.length()) {
            if (word.variables() && variable.region(i, text.length()).lookingAt()) {
                out.append(variable.group());
                i = variable.end();
                continue;
            }
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '%' -> out.append("%%");
                case '$' -> out.append("$$");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0 -> throw new IllegalArgumentException("a systemd unit cannot pass a NUL in the word \""
                        + ControlCharacters.visible(text) + "\"");
                default -> {
                    if (ControlCharacters.isControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        String escaped = out.toString();
        boolean plain = !escaped.isEmpty() && escaped.chars().noneMatch(c -> " \"'\\;".indexOf(c) >= 0);
        return plain ? escaped : "\"" + escaped + "\"";
    }
}
