package dev.paddock.core.cli;

import dev.paddock.core.interop.DesktopEntryExporter;
import dev.paddock.core.interop.LandlockConfigExporter;
import dev.paddock.core.interop.LandrunExporter;
import dev.paddock.core.interop.SandboxerExporter;
import dev.paddock.core.interop.SystemdUnitExporter;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.testing.BundledProfiles;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bundled profile is loaded, exported to every format, and run twice through the real CLI: once as
 * {@code paddock run --profile} and once as {@code paddock run} with its landrun export. Both must allow and deny
 * the same things.
 */
class BundledProfilesTest {
    private static final Path PROFILES = BundledProfiles.DIRECTORY;

    @TempDir
    Path root;
    Path home;
    Path work;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void layout() throws Exception {
        home = Files.createDirectories(root.resolve("home"));
        Files.writeString(home.resolve("notes.txt"), "hello");
        work = Files.createDirectories(root.resolve("work"));
        Files.writeString(work.resolve("index.html"), "<h1>paddock</h1>");
    }

    private Map<String, String> environment() {
        return Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "LANG", "C.UTF-8", "TERM", "dumb");
    }

    private Process start(List<String> args, Path directory) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PaddockCli.class.getName(), "run"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment());
        return builder.start();
    }

    private Run run(List<String> args, Path directory, String input) throws Exception {
        Process process = start(args, directory);
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        Streams streams = Streams.drain(process);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Run(process.exitValue(), streams.stdout(), streams.stderr());
    }

    private List<String> profileArgs(String name) {
        return List.of("--profile", PROFILES.resolve(name + ".json").toString());
    }

    /** The landrun export of the profile, its variables expanded as a shell would, as arguments of paddock run. */
    private List<String> exportedArgs(String name) throws Exception {
        Path file = PROFILES.resolve(name + ".json");
        Policy policy = PathVariables.of(environment(), file, work).expand(ProfileFiles.load(file).policy());
        List<String> warnings = new ArrayList<>();
        List<String> args = LandrunExporter.arguments(policy, warnings);
        assertTrue(warnings.stream().allMatch(w -> w.startsWith("landrun has no working-directory flag")), warnings
                .toString());
        return args;
    }

    private Path exportedDirectory(String name) throws Exception {
        Path file = PROFILES.resolve(name + ".json");
        String dir = PathVariables.of(environment(), file, work).expand(ProfileFiles.load(file).policy())
                .workingDirectory();
        return dir == null ? work : Path.of(dir);
    }

    private void assertSameResults(String name, String input) throws Exception {
        Run fromProfile = run(profileArgs(name), work, input);
        Run fromExport = run(exportedArgs(name), exportedDirectory(name), input);
        assertEquals(fromProfile, fromExport, name);
    }

    @Test
    void everyBundledProfileLoadsAndExportsToEveryFormat() throws Exception {
        List<Path> files = BundledProfiles.files();
        assertTrue(files.size() >= 8);
        for (Path file : files) {
            Profile profile = ProfileFiles.load(file);
            assertFalse(profile.description().isBlank(), file + " has a description");
            assertTrue(LandrunExporter.export(profile).text().startsWith("landrun "));
            assertTrue(LandlockConfigExporter.export(profile, environment()).text().contains("\"ruleset\""));
            assertTrue(SandboxerExporter.export(profile).text().contains("sandboxer"));
            assertTrue(SystemdUnitExporter.export(profile, file, SystemdUnitExporter.Runner.PADDOCK,
                    List.of("/usr/bin/paddock")).text().contains("ExecStart=/usr/bin/paddock run --profile"));
            assertTrue(DesktopEntryExporter.export(profile, file, List.of("/usr/bin/paddock"), false).text()
                    .contains("Exec=/usr/bin/paddock run --profile"));
        }
    }

    @Test
    void denyAllShowsADenial() throws Exception {
        Run run = run(profileArgs("deny-all"), work, "");
        assertEquals(2, run.exit());
        assertEquals("ls: cannot open directory '/': Permission denied\n", run.err());
        assertSameResults("deny-all", "");
    }

    @Test
    void lsOfADeniedDirectoryIsDenied() throws Exception {
        Run run = run(profileArgs("ls-denied-directory"), work, "");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Permission denied"), run.err());
        assertSameResults("ls-denied-directory", "");
    }

    @Test
    void homeReadOnlyListsHome() throws Exception {
        Run run = run(profileArgs("home-read-only"), work, "");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("notes.txt"), run.out());
        assertSameResults("home-read-only", "");
    }

    @Test
    void gitStatusWorksAndChangesNothing() throws Exception {
        git("init", "-q", ".");
        Files.writeString(work.resolve("tracked"), "x");
        git("add", "tracked");
        git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "first");
        Files.writeString(work.resolve("tracked"), "changed");
        long indexTime = Files.getLastModifiedTime(work.resolve(".git/index")).toMillis();
        Run run = run(profileArgs("git-status-read-only"), work, "");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(" M tracked"), run.out());
        assertEquals(indexTime, Files.getLastModifiedTime(work.resolve(".git/index")).toMillis());
        assertSameResults("git-status-read-only", "");
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String out = Streams.read(process.getInputStream());
        assertEquals(0, process.waitFor(), out);
    }

    @Test
    void scratchBuildCompilesInTheWorkingFolder() throws Exception {
        Run run = run(profileArgs("scratch-build"), work, "");
        assertEquals(0, run.exit(), run.err());
        assertEquals("built\n", run.out());
        assertTrue(Files.isExecutable(work.resolve("build/hello")));
        assertSameResults("scratch-build", "");
    }

    @Test
    void readOnlyShellReadsEverythingAndWritesOnlyTmp() throws Exception {
        String marker = "paddock-test-" + ProcessHandle.current().pid();
        String input = "touch /etc/" + marker + " 2>/dev/null; echo etc=$?\ntouch /tmp/" + marker
                + "; echo tmp=$?\nrm -f /tmp/" + marker + "\nhead -c 4 " + home + "/notes.txt; echo\nexit\n";
        Run run = run(profileArgs("read-only-shell"), work, input);
        assertTrue(run.out().contains("etc=1\ntmp=0\nhell\n"), run.out() + run.err());
        assertFalse(Files.exists(Path.of("/etc", marker)));
        Run fromExport = run(exportedArgs("read-only-shell"), work, input);
        assertEquals(run.out(), fromExport.out());
        assertEquals(run.exit(), fromExport.exit());
    }

    @Test
    void tcpClientConnectsToItsPortOnly() throws Exception {
        try (ServerSocket server = listenOn8080()) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        server.accept().close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Run run = run(profileArgs("tcp-client"), work, "");
            assertEquals(0, run.exit(), run.err());
            assertEquals("connected to ('127.0.0.1', 8080)\n", run.out());
            assertSameResults("tcp-client", "");
        }
    }

    @Test
    void httpServerServesOnItsPort() throws Exception {
        for (List<String> args : List.of(profileArgs("http-server"), exportedArgs("http-server"))) {
            Process server = start(args, work);
            try {
                assertEquals(200, statusOf("http://127.0.0.1:8000/index.html", server));
            } finally {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
                server.destroyForcibly().waitFor();
            }
        }
    }

    private static int statusOf(String url, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(1000);
                return connection.getResponseCode();
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the server did not answer: " + Streams.drain(server).stderr());
                }
                Thread.sleep(100);
            }
        }
    }

    /** The bundled profile connects to port 8080 alone; another program holding it here skips the test, saying so. */
    private static ServerSocket listenOn8080() throws IOException {
        try {
            return new ServerSocket(8080, 5, InetAddress.getLoopbackAddress());
        } catch (BindException taken) {
            Assumptions.abort("port 8080 on 127.0.0.1, which the tcp-client profile connects to, "
                    + "is taken by another program here");
            throw taken;
        }
    }
}
