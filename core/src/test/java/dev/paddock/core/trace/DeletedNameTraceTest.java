package dev.paddock.core.trace;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file whose name ends in " (deleted)" is not a deleted file: the kernel writes that suffix after an unlinked
 * file's path, and the trace takes it off only then. Otherwise a program reading "notes (deleted)" (through a link,
 * so the path is resolved by the walk) is shown reading "notes", a file it never touched, and the fix grants that.
 * As root and as nobody.
 */
class DeletedNameTraceTest {
    @TempDir
    Path root;

    @Test
    void aNameEndingInDeletedIsShownAsItIsAsRoot() throws Exception {
        check(List.of());
    }

    @Test
    void aNameEndingInDeletedIsShownAsItIsAsNobody() throws Exception {
        check(AsNobody.prefix());
    }

    /** A file really unlinked while the program holds it open is still shown by its name, without the suffix. */
    @Test
    void anUnlinkedFileIsShownByItsName() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path gone = Files.writeString(data.resolve("gone"), "still open\n");
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readOnly("/etc").readWrite(data.toString())
                .build().command("/usr/bin/sh", "-c", "exec 3<\"$1\"; /usr/bin/rm \"$1\"; exec /usr/bin/cat /dev/fd/3",
                        "sh", gone.toString()).trace().start();
        Streams out = Streams.drain(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run finishes");
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS));
        String shown = data.toRealPath().resolve("gone").toString();
        assertTrue(out.stdout().contains("still open"), out.stdout() + out.stderr());
        assertTrue(trace.entries().stream().anyMatch(e -> "/usr/bin/cat".equals(e.executable())
                && e.access().operation() == Operation.READ
                && e.access().path().equals(shown)),
                trace.entries().stream().map(e -> e.access().describe()).toList().toString());
    }

    private void check(List<String> prefix) throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path notes = Files.writeString(data.resolve("notes"), "never read\n");
        Path decoy = Files.writeString(data.resolve("notes (deleted)"), "read\n");
        Path link = Files.createSymbolicLink(data.resolve("link"), Path.of("notes (deleted)"));
        if (!prefix.isEmpty()) {
            AsNobody.openUp(root, notes);
            AsNobody.openUp(root, decoy);
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/usr/bin/cat", link.toString()));
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readOnly("/etc").build()
                .command(command).trace().start();
        Streams.drain(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the run finishes");
        Trace trace = process.trace().orElseThrow();
        assertTrue(trace.awaitEnd(10, TimeUnit.SECONDS));
        List<String> denied = trace.denials().stream().filter(e -> "/usr/bin/cat".equals(e.executable()))
                .map(e -> e.access().path()).toList();
        assertEquals(List.of(decoy.toRealPath().toString()), denied, "what cat read, not " + notes);
    }
}
