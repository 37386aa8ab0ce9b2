package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Landlock;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.PlannedPathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.testing.HostileElf;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ldd through the library, on the real kernel: a program crafted to make ldd allow more than its interpreter and
 * libraries is refused before anything runs, and a real program runs on the rules ldd and add-exec give it alone.
 */
class LddRulesTest {
    private static final Path CAT = Path.of("/usr/bin/cat");

    @TempDir
    Path dir;
    Path secret;

    @BeforeEach
    void secret() throws IOException {
        secret = Files.writeString(Files.createDirectories(dir.resolve("denied")).resolve("secret"), "s3cret");
    }

    /** Starts the program under add-exec and ldd only, and returns what it printed. */
    private static String run(Path program, String... args) throws Exception {
        Sandbox sandbox = Sandbox.builder().addExec(true).ldd(true).build();
        List<String> command = new java.util.ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        SandboxedProcess process = sandbox.command(command).start();
        Streams streams = Streams.drain(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return streams.stdout() + streams.stderr();
    }

    private String refusal(Path program) {
        SandboxException e = assertThrows(SandboxException.class, () -> run(program, secret.toString()),
                "the sandbox must refuse to start " + program);
        assertTrue(e.getMessage().startsWith("ldd refuses " + program + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aSecondInterpreterNamingRootDoesNotOpenTheWholeFilesystem() throws Exception {
        Path program = HostileElf.withSecondInterpreter(CAT, dir.resolve("cat"), "/");
        assertEquals("ldd refuses " + program + ": " + program + " has 2 PT_INTERP program headers, but a program "
                + "names one ELF interpreter at most", refusal(program));
    }

    @Test
    void anInterpreterThatIsNotARegularFileIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("/"));
        for (String interpreter : List.of("/", folder.toString(), "/dev/null", link.toString())) {
            Path program = HostileElf.withInterpreter(CAT, dir.resolve("cat-" + interpreter.length()), interpreter);
            assertTrue(refusal(program).contains("its ELF interpreter " + interpreter), interpreter);
        }
    }

    @Test
    void aLibraryThatResolvesToAFolderIsRefused() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path program = HostileElf.needingLibmFrom(dir, lib, "--enable-new-dtags");
        Files.createSymbolicLink(lib.resolve("libm.so.6"), Path.of("/"));
        assertEquals("ldd refuses " + program + ": its library libm.so.6 resolves to " + lib.resolve("libm.so.6")
                + " (-> /), which is a directory, not a regular file", refusal(program));
    }

    @Test
    void aRealProgramRunsOnItsInterpreterAndLibrariesAlone() throws Exception {
        assertEquals("/\n", run(Path.of("/usr/bin/ls"), "-d", "/"));
        assertTrue(run(Path.of("/usr/bin/ls"), "/usr").contains("Permission denied"),
                "ldd must not allow reading /usr itself");
    }

    /**
     * The state a race would leave (the path swapped for a folder, or a link to /, after it was checked): the rule
     * was planned for a file, so opening it must find a file, or the rights meant for one file would cover a tree.
     */
    @Test
    void aFileRuleWhosePathIsAFolderWhenItIsOpenedIsRefused() throws Exception {
        int abi = LandlockSupport.detect().abi();
        RulesetPlan empty = PolicyCompiler.compile(Policy.builder().build(), abi).plan();
        long rights = FsAccess.READ_FILE.bit() | FsAccess.EXECUTE.bit();
        for (PlannedPathRule.Origin origin : List.of(PlannedPathRule.Origin.LDD, PlannedPathRule.Origin.POLICY)) {
            RulesetPlan plan = new RulesetPlan(abi, empty.handledFs(), empty.handledNet(), empty.scoped(),
                    List.of(new PlannedPathRule("/", false, rights, origin)), List.of(), 0);
            SandboxException e = assertThrows(SandboxException.class, () -> Landlock.makeRuleset(plan));
            assertEquals("the rule for / was planned for a file, but / is now a directory: it changed while the "
                    + "sandbox was being built", e.getMessage());
        }
    }
}
