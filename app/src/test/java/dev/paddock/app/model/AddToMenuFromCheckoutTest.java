package dev.paddock.app.model;

import dev.paddock.core.interop.DesktopEntries;
import dev.paddock.core.interop.PaddockCommandLine;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Add to menu" and the systemd export from the app run out of this source checkout (as {@code mvn -pl app
 * javafx:run} does, with no installed paddock): the written Exec and ExecStart lines, unquoted as a desktop and
 * systemd would, run the profile sandboxed.
 */
class AddToMenuFromCheckoutTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path RUNNABLE_JAR = ROOT.resolve("core/target/paddock.jar");
    /** Prints "inside", then "denied" when it may not list /etc: only the sandbox's rules can deny that. */
    private static final Profile PROBE = new Profile("Probe", "Says where it runs", "", Policy.builder()
            .readExec("/usr").readWrite("/dev/null")
            .command("/usr/bin/sh", "-c", "echo inside; ls /etc >/dev/null 2>&1 || echo denied").build());

    @TempDir
    Path dir;

    private Workspace workspaceWithoutAnInstalledPaddock() {
        List<String> paddock = PaddockCommandLine.detect(dir.resolve("usr/bin/paddock"));
        assertTrue(Files.isRegularFile(RUNNABLE_JAR), "mvn package builds " + RUNNABLE_JAR);
        assertEquals(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                RUNNABLE_JAR.toString()), paddock, "without an installed paddock, the checkout's runnable jar");
        return new Workspace(LandlockSupport.detect(), new ProfileLibrary(dir.resolve("library")),
                new DesktopEntries(dir.resolve("applications"), paddock));
    }

    @Test
    void theMenuEntryAddedFromACheckoutRunsTheProfileSandboxed() throws Exception {
        Path profile = dir.resolve("my profiles/probe.json");
        ProfileFiles.save(PROBE, profile);
        Workspace workspace = workspaceWithoutAnInstalledPaddock();
        assertTrue(workspace.open(profile));

        Path entry = workspace.addToMenu();

        String exec = Files.readAllLines(entry).stream().filter(line -> line.startsWith("Exec=")).findFirst()
                .orElseThrow().substring("Exec=".length());
        List<String> words = desktopExecWords(exec);
        assertEquals(List.of("run", "--profile", profile.toString()), words.subList(words.size() - 3, words.size()));
        assertEquals("inside\ndenied\n", run(words));
    }

    @Test
    void theSystemdExportFromACheckoutRunsTheProfileSandboxed() throws Exception {
        Path profile = dir.resolve("probe.json");
        ProfileFiles.save(PROBE, profile);
        Workspace workspace = workspaceWithoutAnInstalledPaddock();
        assertTrue(workspace.open(profile));

        String unit = workspace.insight().exports().exportProperty(ExportsModel.Format.SYSTEMD).get().text();
        String execStart = unit.lines().filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow()
                .substring("ExecStart=".length());
        assertEquals("inside\ndenied\n", run(systemdExecWords(execStart)));
    }

    /** Runs a command line; it must exit 0. Returns its output. */
    private static String run(List<String> words) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "timed out: " + words);
        assertEquals(0, process.exitValue(), words + ": " + output);
        return output;
    }

    /**
     * An Exec value as the Desktop Entry Specification reads it: the string escapes first (\s, \n, \t, \r, \\), then
     * the Exec quoting (words split at spaces; in double quotes, a backslash escapes ", `, $ and \), and %% is %.
     */
    static List<String> desktopExecWords(String value) {
        StringBuilder unescaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                unescaped.append(switch (next) {
                    case 's' -> ' ';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                unescaped.append(c);
            }
        }
        return split(unescaped.toString(), "\"`$\\", true);
    }

    /**
     * An ExecStart value as systemd reads it: words split at spaces, double quotes with C escapes, %% is % and $$ is $
     * (the exports write no other specifier or variable).
     */
    static List<String> systemdExecWords(String value) {
        List<String> words = new ArrayList<>();
        for (String word : split(value, "\"\\", false)) {
            words.add(word.replace("$$", "$"));
        }
        return words;
    }

    /** Splits at unquoted spaces; in double quotes a backslash escapes the given characters (C escapes if not). */
    private static List<String> split(String line, String escapable, boolean onlyEscapable) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                if (escapable.indexOf(next) >= 0) {
                    word.append(next);
                } else if (onlyEscapable) {
                    word.append('\\').append(next);
                } else {
                    word.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
                }
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString().replace("%%", "%"));
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        assertTrue(!quoted, "an unclosed quote in " + line);
        if (inWord) {
            words.add(word.toString().replace("%%", "%"));
        }
        return words;
    }
}
