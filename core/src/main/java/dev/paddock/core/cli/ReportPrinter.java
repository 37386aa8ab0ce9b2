package dev.paddock.core.cli;

import dev.paddock.core.policy.EnforcementReport;

import java.io.PrintStream;

/** Prints an enforcement report the same way for {@code check} and {@code run --log-level info}. */
final class ReportPrinter {

    private ReportPrinter() {
    }

    /** Every line starts with {@code prefix} ("" for check, "paddock: " for run). */
    static void print(EnforcementReport report, String prefix, PrintStream out) {
        out.println(prefix + "Enforced:  " + report.status().words()
                + (report.abi() > 0 ? " (Landlock ABI " + report.abi() + ")" : ""));
        report.unenforced().forEach(gap -> out.println(prefix + "  - " + gap));
        report.notes().forEach(note -> out.println(prefix + "  note: " + note));
        if (!report.seccomp().isEmpty()) {
            out.println(prefix + "Seccomp rules in force beside Landlock:");
            report.seccomp().forEach(rule -> out.println(prefix + "  - " + rule));
        }
        if (!report.blindSpots().isEmpty()) {
            out.println(prefix + EnforcementReport.BLIND_SPOTS_HEADING + ":");
            report.blindSpots().forEach(spot -> out.println(prefix + "  - " + spot));
        }
    }
}
