package dev.paddock.core.cli;

import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI in a real JVM of its own, since {@code run} replaces that JVM with the command. */
class CliTest {

    record Result(int exit, String out, String err, long pid) {
    }

    static Result paddock(String... args) throws IOException, InterruptedException {
        return paddockWithEnvironment(java.util.Map.of(), args);
    }

    static Result paddockWithEnvironment(java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return paddockWith(List.of(), environment, args);
    }

    static Result paddockWith(List<String> jvmOptions, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return paddock(List.of(), System.getProperty("java.class.path"), jvmOptions, environment, null, args);
    }

    /** The CLI as nobody (see {@link AsNobody}), started in {@code directory}. */
    static Result paddockAsNobody(Path directory, String... args) throws IOException, InterruptedException {
        return paddock(AsNobody.prefix(), AsNobody.classpath(), List.of(), java.util.Map.of(), directory, args);
    }

    /** The CLI started after {@code prefix} (such as unshare or setpriv words), with this JVM's classpath. */
    static Result paddockAfter(List<String> prefix, String... args) throws IOException, InterruptedException {
        return paddock(prefix, System.getProperty("java.class.path"), List.of(), java.util.Map.of(), null, args);
    }

    /** The CLI started in {@code directory} (null: this JVM's). */
    static Result paddockIn(Path directory, String... args) throws IOException, InterruptedException {
        return paddock(List.of(), System.getProperty("java.class.path"), List.of(), java.util.Map.of(), directory,
                args);
    }

    /** The CLI started in {@code directory} with these variables added to the environment. */
    static Result paddockIn(Path directory, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return paddock(List.of(), System.getProperty("java.class.path"), List.of(), environment, directory, args);
    }

    private static Result paddock(List<String> prefix, String classpath, List<String> jvmOptions,
                                  java.util.Map<String, String> environment, Path directory, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, PaddockCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().remove("LANDRUN_LOG_LEVEL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        Streams streams = Streams.drain(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), streams.stdout(), streams.stderr(), process.pid());
    }

    @Test
    void runPassesTheExitCodeStraightThrough() throws Exception {
        Result result = paddock("run", "--rox", "/usr", "--", "/usr/bin/sh", "-c", "exit 7");
        assertEquals(7, result.exit());
        assertEquals("", result.err());
    }

    @Test
    void runReplacesTheJvmSoThePidIsTheSame() throws Exception {
        Result result = paddock("run", "--rox", "/usr", "--", "/usr/bin/sh", "-c", "echo $$");
        assertEquals(Long.toString(result.pid()), result.out().strip());
    }

    @Test
    void theChildOfRunHasOnlyStdioAndAnEmptyEnvironment() throws Exception {
        Result fds = paddock("run", "--rox", "/usr", "--ro", "/proc", "--", "/usr/bin/ls", "/proc/self/fd");
        assertEquals("0\n1\n2\n3\n", fds.out());
        Result env = paddock("run", "--rox", "/usr", "--env", "X=1", "--", "/usr/bin/env");
        assertEquals("X=1\n", env.out());
    }

    @Test
    void runEnforcesTheFlags(@TempDir Path dir) throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Result result = paddock("run", "--rox", "/usr", "--rw", allowed + "," + dir.resolve("missing-ok"),
                "--ignore-missing", "--", "/usr/bin/sh", "-c",
                "echo hi > " + allowed + "/ok && ! (echo no > " + dir + "/denied) 2>/dev/null");
        assertEquals(0, result.exit(), result.err());
        assertTrue(Files.exists(allowed.resolve("ok")));
        assertFalse(Files.exists(dir.resolve("denied")));
    }

    @Test
    void theCommandsOwnFlagsAndDoubleDashPassThrough() throws Exception {
        Result result = paddock("run", "--rox", "/usr", "/usr/bin/sh", "-c", "echo \"$@\"", "sh", "--ro", "--", "-x");
        assertEquals("--ro -- -x\n", result.out());
        Result afterDash = paddock("run", "--rox", "/usr", "--", "/usr/bin/sh", "-c", "echo \"$@\"", "sh", "--");
        assertEquals("--\n", afterDash.out());
    }

    @Test
    void aBareCommandIsResolvedWithTheCallersPath() throws Exception {
        Result result = paddock("run", "--rox", "/usr", "--", "true");
        assertEquals(0, result.exit(), result.err());
    }

    @Test
    void portsOutOfRangeAreRefusedWithOneLine() throws Exception {
        Result connect = paddock("run", "--rox", "/usr", "--connect-tcp", "70000", "--", "/usr/bin/true");
        assertEquals(1, connect.exit());
        assertEquals("paddock: --connect-tcp 70000 is out of range: use 1 to 65535", connect.err().strip());
        Result zero = paddock("run", "--rox", "/usr", "--connect-tcp", "0", "--", "/usr/bin/true");
        assertEquals("paddock: --connect-tcp 0 is out of range: use 1 to 65535", zero.err().strip());
        Result bindZero = paddock("run", "--rox", "/usr", "--bind-tcp", "0", "--", "/usr/bin/true");
        assertEquals(0, bindZero.exit(), bindZero.err());
        Result word = paddock("run", "--rox", "/usr", "--bind-tcp", "http", "--", "/usr/bin/true");
        assertEquals("paddock: --bind-tcp expects a port number, not \"http\"", word.err().strip());
    }

    @Test
    void aMissingPathIsNamed() throws Exception {
        Result result = paddock("run", "--rox", "/usr", "--ro", "/no/such/dir", "--", "/usr/bin/true");
        assertEquals(1, result.exit());
        assertEquals("paddock: the path /no/such/dir does not exist: create it, remove its rule, or ignore missing "
                + "paths (--ignore-missing; in a profile, \"ignoreMissing\": true or the rule's \"optional\")", result.err().strip());
    }

    @Test
    void anUnknownCommandIsNamed() throws Exception {
        Result result = paddock("run", "--rox", "/usr", "--", "no-such-program-xyz");
        assertEquals(1, result.exit());
        assertTrue(result.err().startsWith("paddock: command not found: no-such-program-xyz"), result.err());
        assertEquals(1, result.err().lines().count());
    }

    @Test
    void aDeniedExecutableSaysWhatToAllow() throws Exception {
        Result result = paddock("run", "--ro", "/usr", "--", "/usr/bin/true");
        assertEquals(1, result.exit());
        assertTrue(result.err().startsWith("paddock: cannot execute /usr/bin/true: permission denied"),
                result.err());
    }

    @Test
    void anUnknownFlagIsOneLineAndExitsOne() throws Exception {
        Result result = paddock("run", "--read-only", "/usr", "--", "/usr/bin/true");
        assertEquals(1, result.exit());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().contains("--read-only"), result.err());
    }

    @Test
    void aDryRunBuildsTheRulesetButRunsNothing(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        Result result = paddock("run", "--dry-run", "--rox", "/usr", "--rw", dir.toString(), "--", "/usr/bin/touch",
                marker.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("add_rule path " + dir), result.err());
        assertTrue(result.err().contains("restrict_self"), result.err());
        assertEquals("", result.out());
        assertFalse(Files.exists(marker), "a dry run must not run the command");
    }

    @Test
    void strictNamesWhatThisKernelCannotEnforce() throws Exception {
        Result result = paddock("run", "--strict", "--rox", "/usr", "--", "/usr/bin/true");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("connecting to pathname UNIX sockets is not restricted: needs ABI 9"),
                result.err());
    }

    @Test
    void udpFlagsAreReportedAndStrictRefusesWhereUdpCannotBeRestricted() throws Exception {
        Result strict = paddock("run", "--strict", "--unrestricted-filesystem", "--unrestricted-scoped",
                "--connect-udp", "53", "--", "/usr/bin/true");
        assertEquals(1, strict.exit());
        assertEquals("paddock: strict mode refuses to run because UDP is not restricted: needs ABI 10 (Linux 7.2) "
                + "(use best-effort to run with what this kernel enforces: --best-effort; in a profile, \"compatibility\": \"best-effort\")", strict.err().strip());
        Result info = paddock("run", "--log-level", "info", "--rox", "/usr", "--connect-udp", "53", "--",
                "/usr/bin/true");
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.err().contains("UDP is not restricted: needs ABI 10 (Linux 7.2)"), info.err());
        assertTrue(info.err().contains("note: the UDP port rules have no effect: they need ABI 10 (Linux 7.2)"),
                info.err());
    }

    @Test
    void runWithoutAProfileIsWrittenForTheNewestAbiUnlessToldOtherwise() throws Exception {
        Result newest = paddock("run", "--log-level", "info", "--rox", "/usr", "--", "/usr/bin/true");
        assertTrue(newest.err().contains("UDP is not restricted: needs ABI 10 (Linux 7.2)"), newest.err());
        Result pinned = paddock("run", "--abi", "9", "--log-level", "info", "--rox", "/usr", "--", "/usr/bin/true");
        assertEquals(0, pinned.exit(), pinned.err());
        assertFalse(pinned.err().contains("UDP is not restricted: needs"), pinned.err());
        assertTrue(pinned.err().contains("connecting to pathname UNIX sockets is not restricted: needs ABI 9"),
                pinned.err());
        assertEquals("paddock: --abi expects a Landlock ABI from 1 to 11, not \"twelve\"",
                paddock("run", "--abi", "twelve", "--", "/usr/bin/true").err().strip());
    }

    @Test
    void logLevelInfoPrintsTheReport() throws Exception {
        Result result = paddock("run", "--log-level", "info", "--rox", "/usr", "--", "/usr/bin/true");
        assertEquals(0, result.exit());
        assertTrue(result.err().contains("partially enforced on Landlock ABI"), result.err());
        Result debug = paddock("run", "--log-level", "debug", "--rox", "/usr", "--", "/usr/bin/true");
        assertTrue(debug.err().contains("add_rule path /usr [execute,read_file,read_dir]"), debug.err());
        Result bad = paddock("run", "--log-level", "loud", "--rox", "/usr", "--", "/usr/bin/true");
        assertEquals("paddock: unknown log level \"loud\": use error, info or debug", bad.err().strip());
    }

    @Test
    void withoutLandlockRunRefusesUnlessOptedInAndThenWarns() throws Exception {
        List<String> noLandlock = List.of("-Dpaddock.abi.max=0");
        Result refused = paddockWith(noLandlock, java.util.Map.of(), "run", "--rox", "/usr", "--", "/usr/bin/true");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().startsWith("paddock: refusing to run unsandboxed because nothing is restricted"),
                refused.err());
        Result optedIn = paddockWith(noLandlock, java.util.Map.of(), "run", "--allow-unsandboxed", "--rox", "/usr",
                "--", "/usr/bin/sh", "-c", "echo ran");
        assertEquals(0, optedIn.exit(), optedIn.err());
        assertEquals("ran\n", optedIn.out());
        assertTrue(optedIn.err().startsWith("paddock: warning: running UNSANDBOXED"), optedIn.err());
    }

    @Test
    void abiPrintsTheKernelAndEveryFeature() throws Exception {
        Result result = paddock("abi");
        assertEquals(0, result.exit());
        assertTrue(result.out().contains("Kernel:    Linux " + System.getProperty("os.version")), result.out());
        assertTrue(result.out().contains("Landlock:  available, ABI"), result.out());
        for (String feature : List.of("read_file", "truncate", "ioctl_dev", "bind_tcp", "signal",
                "log_new_exec_on", "resolve_unix")) {
            assertTrue(result.out().contains(feature), feature);
        }
    }

    @Test
    void everyCommandHasHelpAndTheToolHasAVersion() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"run", "--help"},
                new String[] {"abi", "--help"})) {
            Result result = paddock(args);
            assertEquals(0, result.exit());
            assertTrue(result.out().startsWith("Usage: paddock"), result.out());
        }
        assertTrue(paddock("--version").out().startsWith("paddock "));
    }
}
