package dev.paddock.core.cli;

import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.HostileElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.paddock.core.cli.CliTest.paddock;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code paddock run --ldd} on programs crafted to make it allow more than their interpreter and libraries, as root
 * and as nobody: each is refused with one line naming the program and the path, and the secret stays unread.
 */
class LddCommandLineTest {
    private static final Path CAT = Path.of("/usr/bin/cat");

    @TempDir
    Path dir;

    /** Each hostile program, with the end of the line that refuses it. */
    private Map<Path, String> hostilePrograms() throws Exception {
        Map<Path, String> programs = new LinkedHashMap<>();
        Path two = HostileElf.withSecondInterpreter(CAT, dir.resolve("two-interpreters"), "/");
        programs.put(two, two + " has 2 PT_INTERP program headers, but a program names one ELF interpreter at most");
        programs.put(HostileElf.withInterpreter(CAT, dir.resolve("root"), "/"),
                "its ELF interpreter / is a directory, not a regular file");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        programs.put(HostileElf.withInterpreter(CAT, dir.resolve("folder-interpreter"), folder.toString()),
                "its ELF interpreter " + folder + " is a directory, not a regular file");
        programs.put(HostileElf.withInterpreter(CAT, dir.resolve("null"), "/dev/null"),
                "its ELF interpreter /dev/null is a character device, not a regular file");
        Path lib = Files.createDirectories(dir.resolve("rpath/lib"));
        Path rpath = HostileElf.needingLibmFrom(dir.resolve("rpath"), lib, "--disable-new-dtags");
        Files.createDirectories(lib.resolve("libm.so.6"));
        programs.put(rpath, "its library libm.so.6 resolves to " + lib.resolve("libm.so.6")
                + ", which is a directory, not a regular file");
        return programs;
    }

    @Test
    void hostileProgramsAreRefusedAndTheSecretStaysUnread() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret");
        for (Map.Entry<Path, String> program : hostilePrograms().entrySet()) {
            CliTest.Result result = paddock("run", "--ldd", "--add-exec", "--", program.getKey().toString(),
                    secret.toString());
            assertEquals("", result.out(), "the program ran and printed the secret");
            assertEquals("paddock: ldd refuses " + program.getKey() + ": " + program.getValue() + "\n",
                    result.err());
            assertEquals(1, result.exit());
        }
    }

    @Test
    void asNobodyTheSecondInterpreterIsRefusedToo() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret");
        Path program = HostileElf.withSecondInterpreter(CAT, dir.resolve("two-interpreters"), "/");
        AsNobody.openUp(dir, secret);
        AsNobody.openUp(dir, program);
        CliTest.Result result = CliTest.paddockAsNobody(dir, "run", "--ldd", "--add-exec", "--",
                program.toString(), secret.toString());
        assertEquals("", result.out(), "the program ran and printed the secret");
        assertEquals("paddock: ldd refuses " + program + ": " + program + " has 2 PT_INTERP program headers, but a "
                + "program names one ELF interpreter at most\n", result.err());
        assertEquals(1, result.exit());
    }

    @Test
    void aRealProgramRunsWithLddAsRootAndAsNobody() throws Exception {
        CliTest.Result root = paddock("run", "--ldd", "--add-exec", "--", "/usr/bin/ls", "-d", "/");
        assertEquals("/\n", root.out(), root.err());
        assertEquals(0, root.exit());
        CliTest.Result nobody = CliTest.paddockAsNobody(null, "run", "--ldd", "--add-exec", "--", "/usr/bin/ls",
                "-d", "/");
        assertEquals("/\n", nobody.out(), nobody.err());
        assertEquals(0, nobody.exit());
    }
}
