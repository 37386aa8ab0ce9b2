package dev.paddock.core.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.paddock.core.cli.CliTest.paddock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule written as a harmless-looking path that leads to / (a symbolic link, /proc/self/root) grants the whole
 * filesystem: {@code check} and {@code run --log-level info} show where each such rule leads and warn about it.
 */
class ResolvedRulesReportTest {
    @TempDir
    Path dir;

    private static String wholeFilesystem(String shown) {
        return "warning: the rule for " + shown + " covers the whole filesystem";
    }

    @Test
    void checkShowsALinkToRootAndProcSelfRootWithTheirTargetAndWarns() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("/"));
        Path profile = Files.writeString(dir.resolve("p.json"), """
                {"formatVersion": 1, "name": "innocent", "command": ["/usr/bin/true"],
                 "paths": [{"path": "/usr", "mode": "rox"}, {"path": "${PROFILE_DIR}/link", "mode": "ro"},
                           {"path": "/proc/self/root", "mode": "ro"}]}
                """);
        CliTest.Result check = paddock("check", profile.toString());
        assertTrue(check.out().contains("add_rule path " + link + " -> / [read_file,read_dir] (policy)"), check.out());
        assertTrue(check.out().contains("add_rule path /proc/self/root -> / [read_file,read_dir] (policy)"),
                check.out());
        assertTrue(check.out().contains("  " + wholeFilesystem(link + " -> /")), check.out());
        assertTrue(check.out().contains("  " + wholeFilesystem("/proc/self/root -> /")), check.out());
        assertTrue(check.out().contains("add_rule path /usr [execute,read_file,read_dir] (policy)"), check.out());
    }

    @Test
    void runAtLogLevelInfoWarnsAboutALinkToRoot() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("/"));
        CliTest.Result run = paddock("run", "--log-level", "info", "--rox", "/usr", "--ro", link.toString(), "--",
                "/usr/bin/true");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("paddock: " + wholeFilesystem(link + " -> /")), run.err());
    }

    @Test
    void runAtLogLevelInfoWarnsAboutProcSelfRootAsNobody() throws Exception {
        CliTest.Result run = CliTest.paddockAsNobody(null, "run", "--log-level", "info", "--rox", "/usr", "--ro",
                "/proc/self/root", "--", "/usr/bin/true");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("paddock: " + wholeFilesystem("/proc/self/root -> /")), run.err());
    }

    @Test
    void linksToProcSysAndDevAreWarnedAboutAndPlainRulesAreNot() throws Exception {
        for (String area : new String[] {"/proc", "/sys", "/dev"}) {
            Path link = Files.createSymbolicLink(dir.resolve(area.substring(1)), Path.of(area));
            CliTest.Result run = paddock("run", "--log-level", "info", "--rox", "/usr", "--ro", link.toString(),
                    "--", "/usr/bin/true");
            assertTrue(run.err().contains("paddock: warning: the rule for " + link + " -> " + area + " covers "
                    + area), run.err());
        }
        CliTest.Result plain = paddock("run", "--log-level", "info", "--rox", "/usr", "--ro", "/etc", "--",
                "/usr/bin/true");
        assertTrue(!plain.err().contains("warning"), plain.err());
    }
}
