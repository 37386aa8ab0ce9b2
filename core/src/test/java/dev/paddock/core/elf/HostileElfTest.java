package dev.paddock.core.elf;

import dev.paddock.core.SandboxException;
import dev.paddock.core.testing.HostileElf;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programs crafted so that reading their ELF headers for ldd would grant more than their interpreter and libraries.
 * ldd follows the kernel (the first PT_INTERP) and refuses anything that would become a rule on something other than
 * a regular file, naming the program and the path.
 */
class HostileElfTest {
    private static final Path CAT = Path.of("/usr/bin/cat");

    @TempDir
    Path dir;

    private static String refusal(Path program) {
        SandboxException e = assertThrows(SandboxException.class, () -> SharedLibraries.of(program, null),
                () -> "ldd must refuse " + program);
        assertEquals(SandboxException.Reason.INVALID_POLICY, e.reason());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aSecondInterpreterNamingRootLeavesTheProgramRunningNormally() throws Exception {
        Path program = HostileElf.withSecondInterpreter(CAT, dir.resolve("cat"), "/");
        Path text = Files.writeString(dir.resolve("text"), "runs as cat does");
        Process process = new ProcessBuilder(program.toString(), text.toString()).start();
        Streams streams = Streams.drain(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), streams.stderr());
        assertEquals("runs as cat does", streams.stdout());
    }

    @Test
    void aProgramWithTwoInterpretersIsRefused() throws Exception {
        Path program = HostileElf.withSecondInterpreter(CAT, dir.resolve("cat"), "/");
        IOException e = assertThrows(IOException.class, () -> ElfFile.read(program));
        assertEquals(program + " has 2 PT_INTERP program headers, but a program names one ELF interpreter at most",
                e.getMessage());
        assertEquals("ldd refuses " + program + ": " + e.getMessage(), refusal(program));
    }

    @Test
    void theInterpreterIsTheFirstPtInterpAsTheKernelReadsIt() throws IOException {
        String real = ElfFile.read(CAT).interpreter();
        Path program = HostileElf.withInterpreter(CAT, dir.resolve("cat"), real);
        assertEquals(real, ElfFile.read(program).interpreter());
    }

    @Test
    void anInterpreterThatIsTheRootFolderIsRefused() throws IOException {
        Path program = HostileElf.withInterpreter(CAT, dir.resolve("cat"), "/");
        assertEquals("ldd refuses " + program + ": its ELF interpreter / is a directory, not a regular file",
                refusal(program));
    }

    @Test
    void anInterpreterThatIsAFolderIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ld-linux-x86-64.so.2"));
        Path program = HostileElf.withInterpreter(CAT, dir.resolve("cat"), folder.toString());
        assertEquals("ldd refuses " + program + ": its ELF interpreter " + folder
                + " is a directory, not a regular file", refusal(program));
    }

    @Test
    void anInterpreterThatIsADeviceIsRefused() throws IOException {
        Path program = HostileElf.withInterpreter(CAT, dir.resolve("cat"), "/dev/null");
        assertEquals("ldd refuses " + program + ": its ELF interpreter /dev/null is a character device, not a "
                + "regular file", refusal(program));
    }

    @Test
    void anInterpreterThatIsAFifoIsRefused() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path program = HostileElf.withInterpreter(CAT, dir.resolve("cat"), fifo.toString());
        assertEquals("ldd refuses " + program + ": its ELF interpreter " + fifo + " is a FIFO, not a regular file",
                refusal(program));
    }

    @Test
    void anInterpreterThatIsALinkToTheRootFolderIsRefusedWithTheTargetNamed() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("ld.so"), Path.of("/"));
        Path program = HostileElf.withInterpreter(CAT, dir.resolve("cat"), link.toString());
        assertEquals("ldd refuses " + program + ": its ELF interpreter " + link + " (-> /) is a directory, not a "
                + "regular file", refusal(program));
    }

    @Test
    void aRelativeInterpreterIsRefused() throws IOException {
        Path program = HostileElf.withInterpreter(CAT, dir.resolve("cat"), "lib/ld.so");
        assertEquals("ldd refuses " + program + ": its ELF interpreter \"lib/ld.so\" is not an absolute path",
                refusal(program));
    }

    @Test
    void anInterpreterWithControlCharactersOrAnInnerNulIsRefused() throws IOException {
        Path newline = HostileElf.withInterpreter(CAT, dir.resolve("newline"), "/lib64/ld.so\n/");
        assertEquals("ldd refuses " + newline + ": " + newline + " names an ELF interpreter with a NUL byte or a "
                + "control character in it", refusal(newline));
        byte[] inner = "/lib64/ld-linux-x86-64.so.2\0/\0".getBytes(StandardCharsets.UTF_8);
        Path nul = HostileElf.withInterpreterBytes(CAT, dir.resolve("nul"), inner);
        assertEquals("ldd refuses " + nul + ": " + nul + " names an ELF interpreter with a NUL byte or a control "
                + "character in it", refusal(nul));
        Path unterminated = HostileElf.withInterpreterBytes(CAT, dir.resolve("unterminated"),
                "/".getBytes(StandardCharsets.UTF_8));
        assertEquals("ldd refuses " + unterminated + ": " + unterminated + " has a PT_INTERP that is not a "
                + "NUL-terminated path", refusal(unterminated));
    }

    @Test
    void aLibraryFoundThroughRpathThatIsAFolderIsRefused() throws Exception {
        for (String tags : List.of("--disable-new-dtags", "--enable-new-dtags")) {
            Path lib = Files.createDirectories(dir.resolve(tags + "/lib"));
            Path program = HostileElf.needingLibmFrom(dir.resolve(tags), lib, tags);
            Path folder = Files.createDirectories(lib.resolve("libm.so.6"));
            assertEquals("ldd refuses " + program + ": its library libm.so.6 resolves to " + folder
                    + ", which is a directory, not a regular file", refusal(program));
            Files.delete(folder);
            Path link = Files.createSymbolicLink(lib.resolve("libm.so.6"), Path.of("/"));
            assertEquals("ldd refuses " + program + ": its library libm.so.6 resolves to " + link
                    + " (-> /), which is a directory, not a regular file", refusal(program));
            Files.delete(link);
            assertTrue(SharedLibraries.of(program, null).libraries().stream()
                    .anyMatch(p -> p.getFileName().toString().equals("libm.so.6")));
        }
    }

    @Test
    void theLibrariesOfARealProgramAreAllRegularFiles() throws Exception {
        SharedLibraries ls = SharedLibraries.of(Path.of("/usr/bin/ls"), null);
        assertTrue(Files.isRegularFile(ls.interpreter()));
        assertTrue(ls.libraries().stream().allMatch(Files::isRegularFile), ls.libraries().toString());
        assertTrue(ls.libraries().stream().anyMatch(p -> p.getFileName().toString().equals("libc.so.6")));
    }
}
