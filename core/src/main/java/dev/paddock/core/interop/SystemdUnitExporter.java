package dev.paddock.core.interop;

import dev.paddock.core.profile.Profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A systemd service unit that runs the profile: either through {@code paddock run --profile} (the profile stays the
 * one source of truth) or as the equivalent landrun line.
 */
public final class SystemdUnitExporter {

    /** What ExecStart runs. */
    public enum Runner { PADDOCK, LANDRUN }

    private SystemdUnitExporter() {
    }

    public static Export export(Profile profile, Path profileFile, Runner runner, List<String> paddock) {
        List<String> warnings = new ArrayList<>();
        List<String> exec = new ArrayList<>();
        if (runner == Runner.PADDOCK) {
            exec.addAll(paddock);
            exec.addAll(List.of("run", "--profile", profileFile.toAbsolutePath().toString()));
        } else {
            exec.add("landrun");
            exec.addAll(LandrunExporter.arguments(profile.policy(), warnings));
            warnings.add("systemd expands ${NAME} only from the unit's own environment: set Environment= for the "
                    + "variables the paths use");
        }
        StringBuilder unit = new StringBuilder();
        unit.append("[Unit]\n");
        unit.append("Description=").append(oneLine(profile.name())).append(" (Paddock sandbox)\n");
        if (!profile.description().isBlank()) {
            unit.append("# ").append(oneLine(profile.description())).append('\n');
        }
        unit.append("\n[Service]\n");
        unit.append("Type=exec\n");
        unit.append("ExecStart=").append(execLine(exec)).append('\n');
        if (runner == Runner.LANDRUN && profile.policy().workingDirectory() != null) {
            unit.append("WorkingDirectory=").append(profile.policy().workingDirectory()).append('\n');
        }
        unit.append("\n[Install]\n");
        unit.append("WantedBy=default.target\n");
        return new Export(unit.toString(), warnings);
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** systemd's quoting: double quotes with C escapes, and $ and % doubled so that systemd leaves them alone. */
    static String execLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            String escaped = word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%")
                    .replace("\n", "\\n").replace("\t", "\\t");
            // ${NAME} stays an environment reference; any other $ is literal
            escaped = escaped.replaceAll("\\$(?!\\{[A-Za-z_][A-Za-z0-9_]*})", "\\$\\$");
            boolean plain = !escaped.isEmpty() && escaped.chars().noneMatch(c -> " \t\"'\\;".indexOf(c) >= 0);
            quoted.add(plain ? escaped : "\"" + escaped + "\"");
        }
        return String.join(" ", quoted);
    }
}
