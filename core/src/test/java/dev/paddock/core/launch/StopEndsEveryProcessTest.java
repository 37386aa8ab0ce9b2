package dev.paddock.core.launch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop must end every process a run started, however it detached: double forks, setsid(), setpgid(), a root that
 * exits at once and leaves its daemons behind, and a tree of 50 processes. Nothing is left alive, and no zombie.
 * Each case also runs with the sandboxed program as nobody.
 */
class StopEndsEveryProcessTest {

    /** Process 1 of this machine kind never reaps; the JVM adopts its runs' orphans, as the app does. */
    @org.junit.jupiter.api.BeforeAll
    static void adoptOrphans() {
        assertTrue(Sandbox.adoptOrphans(true));
    }

    @org.junit.jupiter.api.AfterAll
    static void stopAdopting() {
        Sandbox.adoptOrphans(false);
    }
    private static final String PYTHON = "/usr/bin/python3";

    /** Prints "ready" once every process it makes is running, then sleeps (or exits, with "exit"). */
    private static final String DAEMONIZE = String.join("\n",
            "import os, sys, time",
            "r, w = os.pipe()",
            "if os.fork() == 0:",
            "    try: os.setsid()",
            "    except OSError: pass",
            "    if os.fork() == 0:",
            "        os.setpgid(0, 0)",
            "        if os.fork() == 0:",
            "            os.write(w, b'x')",
            "            time.sleep(300)",
            "        time.sleep(300)",
            "    os._exit(0)",
            "os.read(r, 1)",
            "print('ready', flush=True)",
            "if sys.argv[2] == 'exit': sys.exit(0)",
            "time.sleep(300)");

    /** A tree of 50 processes: each of the first ones forks children until 50 run; each detaches its own group. */
    private static final String TREE = String.join("\n",
            "import os, sys, time",
            "r, w = os.pipe()",
            "def grow(depth, left):",
            "    kids = 0",
            "    while left > 0 and kids < 3:",
            "        share = (left - 1) // (3 - kids) + 1 if depth < 4 else 1",
            "        left -= share",
            "        kids += 1",
            "        if os.fork() == 0:",
            "            os.setpgid(0, 0)",
            "            os.write(w, b'x')",
            "            grow(depth + 1, share - 1)",
            "            time.sleep(300)",
            "            os._exit(0)",
            "grow(0, 49)",
            "got = 0",
            "while got < 49: got += len(os.read(r, 49 - got))",
            "print('ready', flush=True)",
            "if sys.argv[2] == 'exit': sys.exit(0)",
            "time.sleep(300)");

    @ParameterizedTest(name = "{0}, first process {1}, as nobody: {2}, terminal: {3}")
    @CsvSource({
            "daemon, stays, false, false", "daemon, stays, true, false", "daemon, exits, false, false",
            "daemon, exits, true, true", "daemon, stays, false, true",
            "tree, stays, false, false", "tree, stays, true, true", "tree, exits, true, false"})
    void stopEndsEveryProcessOfTheRun(String program, String first, boolean nobody, boolean terminal)
            throws Exception {
        String marker = "paddock-stop-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(nobody ? List.of("/usr/bin/setpriv", "--reuid=65534",
                "--regid=65534", "--clear-groups") : List.of());
        command.addAll(List.of(PYTHON, "-S", "-I", "-c", program.equals("tree") ? TREE : DAEMONIZE, marker,
                first.equals("exits") ? "exit" : "stay"));
        SandboxedCommand builder = Sandbox.builder().readExec("/usr").build().command(command);
        if (terminal) {
            builder.terminal(80, 24);
        }
        SandboxedProcess process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine().strip());
        int expected = program.equals("tree") ? 50 : 3; // the daemon: first process, grandchild, great-grandchild
        if (first.equals("exits")) {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            expected--;
        }
        // the daemon's middle process exits just after the last one signals ready: wait for it to be gone
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (withMarker(marker).size() > expected && System.nanoTime() < settle) {
            Thread.sleep(20);
        }
        assertEquals(expected, withMarker(marker).size(), "processes running before Stop");
        assertEquals(expected, process.liveProcesses().size(), "what the run reports as alive");

        process.destroyForcibly();

        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), withMarker(marker), "processes left after Stop");
        assertEquals(List.of(), process.liveProcesses());
        assertEquals(List.of(), zombiesOf(process), "zombies left after Stop");
    }

    /** Forks, and the parent exits, again and again: each round of a kill loop meets only pids that are gone. */
    private static final String HOPPER = String.join("\n",
            "import os, sys, time",
            "print('ready', flush=True)",
            "newgroup = sys.argv[2] == 'newgroup'",
            "while True:",
            "    if os.fork() != 0:",
            "        os._exit(0)",
            "    if newgroup:",
            "        os.setpgid(0, 0)",
            "    open(sys.argv[3], 'a').write('x')");

    /** The main thread exits (SYS_exit, not exit_group) while another thread runs on: the leader shows state Z. */
    private static final String HEADLESS = String.join("\n",
            "import ctypes, os, sys, threading, time",
            "def tick():",
            "    while True:",
            "        open(sys.argv[1], 'a').write('x')",
            "        time.sleep(0.01)",
            "threading.Thread(target=tick).start()",
            "print('ready', flush=True)",
            "time.sleep(0.2)",
            "ctypes.CDLL(None).syscall(60 if os.uname().machine == 'x86_64' else 93, 0)");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"samegroup", "newgroup"})
    void aProcessThatForksAndExitsInALoopIsStoppedToo(String mode, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path log = dir.resolve("hops.log");
        SandboxedProcess process = Sandbox.builder().readExec("/usr").readWrite(dir.toString()).build()
                .command(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", PYTHON,
                        "-S", "-I", "-c", HOPPER, "hopper", mode, log.toString())).start();
        assertEquals("ready", new BufferedReader(new InputStreamReader(process.getInputStream())).readLine());
        Thread.sleep(300);
        process.destroyForcibly();
        assertEquals(List.of(), process.liveProcesses());
        long size = Files.size(log);
        Thread.sleep(500);
        assertEquals(size, Files.size(log), "the hopper still runs");
    }

    @ParameterizedTest(name = "terminal: {0}")
    @CsvSource({"false", "true"})
    void aLeaderWhoseThreadsRunOnIsAliveAndStopped(boolean terminal, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path log = dir.resolve("ticks.log");
        SandboxedCommand command = Sandbox.builder().readExec("/usr").readWrite(dir.toString()).build()
                .command(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", PYTHON,
                        "-S", "-I", "-c", HEADLESS, log.toString()));
        if (terminal) {
            command.terminal(80, 24);
        }
        SandboxedProcess process = command.start();
        assertEquals("ready", new BufferedReader(new InputStreamReader(process.getInputStream())).readLine().strip());
        Thread.sleep(600);
        assertEquals(List.of((int) process.pid()), process.liveProcesses(), "the leader has exited, its thread runs");
        assertTrue(process.isAlive());
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        long size = Files.size(log);
        Thread.sleep(300);
        assertEquals(size, Files.size(log), "the thread still runs");
    }

    private static List<Long> withMarker(String marker) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(entry.resolve("cmdline"));
                    if (cmdline.contains(marker)) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return pids;
    }

    /** Processes still in the run's session (zombies included) other than the first, whatever their parent. */
    private static List<String> zombiesOf(SandboxedProcess process) throws IOException {
        List<String> left = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Integer.parseInt(fields[3]) == process.pid() || Integer.parseInt(fields[2]) == process.pid()) {
                        left.add(stat);
                    }
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return left;
    }
}
