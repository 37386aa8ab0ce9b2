package dev.paddock.core.interop;

import dev.paddock.core.cli.PaddockCli;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.testing.DesktopFiles;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
        String complaints = DesktopFiles.validate(entry);
        assertTrue(complaints == null || complaints.isEmpty(), complaints);
        assertEquals("hello\n", runExec(entry));

        ProfileFiles.save(echo("again"), profile);
        assertEquals("again\n", runExec(entry), "the entry runs the edited profile");

        assertTrue(entries.remove(profile));
        assertFalse(Files.exists(entry));
        assertEquals(List.of(), entries.list());
    }

    @Test
    void theListGivesBackTheExactProfilePathOfAnOddlyNamedFile(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve(" odd \\ name\nwith\ta newline %f $HOME.json");
        ProfileFiles.save(echo("x"), profile);
        DesktopEntries entries = new DesktopEntries(dir.resolve("applications"), List.of("/usr/bin/true"));

        Path entry = entries.add(profile);
        assertEquals(List.of(new DesktopEntries.Entry(entry, profile.toAbsolutePath())), entries.list());
        String text = Files.readString(entry);
        assertEquals(List.of("/usr/bin/true", "run", "--profile", profile.toAbsolutePath().toString()),
                DesktopFiles.execWords(DesktopFiles.value(text, "Exec")));
        String complaints = DesktopFiles.validate(entry);
        assertTrue(complaints == null || complaints.isEmpty(), complaints);
    }

    /** Runs the Exec line as a desktop would: string escapes first, then the Exec quoting. */
    private static String runExec(Path entry) throws Exception {
        Process process = new ProcessBuilder(DesktopFiles.execWords(DesktopFiles.value(Files.readString(entry),
                "Exec"))).start();
        String out = Streams.drain(process).stdout();
        assertEquals(0, process.waitFor());
        return out;
    }
}
