package dev.paddock.core.cli;

import dev.paddock.core.policy.EnforcementReport;

import java.io.PrintStream;

/** Prints what an enforcement report adds to its headline, the same way for {@code check} and {@code run}. */
final class ReportPrinter {

    private ReportPrinter() {
    }

    /**
     * Notes, warnings, the seccomp rules in force and the blind spots; every line starts with {@code prefix} ("  "
     * for check, "paddock: " for run).
     */
    static void printDetails(EnforcementReport report, String prefix, PrintStream out) {
        report.notes().forEach(note -> out.println(prefix + "note: " + note));
        report.warnings().forEach(warning -> out.println(prefix + "warning: " + warning));
        String indent = prefix.isBlank() ? "" : prefix;
        if (!report.seccomp().isEmpty()) {
            out.println(indent + "Seccomp rules in force beside Landlock:");
            report.seccomp().forEach(rule -> out.println(indent + "  - " + rule));
        }
        if (!report.blindSpots().isEmpty()) {
            out.println(indent + EnforcementReport.BLIND_SPOTS_HEADING + ":");
            report.blindSpots().forEach(spot -> out.println(indent + "  - " + spot));
        }
    }
}
