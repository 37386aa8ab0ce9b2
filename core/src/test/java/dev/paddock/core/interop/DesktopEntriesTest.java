package dev.paddock.core.interop;

import dev.paddock.core.cli.PaddockCli;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Menu entries for profiles: written, valid, runnable, still right after an edit, and removable. */
class DesktopEntriesTest {

    private static Profile echo(String word) {
        return new Profile("Say " + word, "Prints a word", "", Policy.builder().readExec("/usr")
                .command("/usr/bin/echo", word).build());
    }

    @Test
    void anEntryValidatesRunsItsProfileAndFollowsEdits(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("my profiles/say hello.json");
        ProfileFiles.save(echo("hello"), profile);
        List<String> paddock = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), PaddockCli.class.getName());
        DesktopEntries entries = new DesktopEntries(dir.resolve("applications"), paddock);

        Path entry = entries.add(profile);
        assertTrue(entry.getFileName().toString().startsWith("paddock-say-hello-"), entry.toString());
        assertEquals(List.of(new DesktopEntries.Entry(entry, profile.toAbsolutePath())), entries.list());
        if (Files.isExecutable(Path.of("/usr/bin/desktop-file-validate"))) {
            Process validate = new ProcessBuilder("desktop-file-validate", entry.toString()).redirectErrorStream(true)
                    .start();
            String out = Streams.read(validate.getInputStream());
            assertEquals(0, validate.waitFor(), out);
            assertEquals("", out.strip());
        }
        assertEquals("hello\n", runExec(entry));

        ProfileFiles.save(echo("again"), profile);
        assertEquals("again\n", runExec(entry), "the entry runs the edited profile");

        assertTrue(entries.remove(profile));
        assertFalse(Files.exists(entry));
        assertEquals(List.of(), entries.list());
    }

    /** Runs the Exec line as a desktop would: string escapes first, then the Exec quoting. */
    private static String runExec(Path entry) throws Exception {
        String exec = Files.readAllLines(entry).stream().filter(l -> l.startsWith("Exec=")).findFirst().orElseThrow()
                .substring(5);
        StringBuilder unescaped = new StringBuilder();
        for (int i = 0; i < exec.length(); i++) {
            char c = exec.charAt(i);
            if (c == '\\' && i + 1 < exec.length()) {
                char next = exec.charAt(++i);
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
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        String line = unescaped.toString();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                inWord = true;
            } else if (c == ' ') {
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
        if (inWord) {
            words.add(word.toString().replace("%%", "%"));
        }
        Process process = new ProcessBuilder(words).start();
        String out = Streams.drain(process).stdout();
        assertEquals(0, process.waitFor());
        return out;
    }
}
