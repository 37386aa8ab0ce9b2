package dev.paddock.core.trace;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.Probe;
import dev.paddock.core.testing.Streams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model must agree with the kernel: every access of the corpus runs in a real sandbox, traced, and the verdict
 * the trace predicts (allowed, or denied with EACCES or EXDEV) is compared with what the call really returned.
 * Every right, file and directory rules, nested rules, symbolic links, refer (rename, exchange and link within and
 * across directories) and truncate; as root and with the traced child running as nobody.
 */
class AccessCorpusTest {

    @TempDir
    static Path root;
    static ServerSocket server;

    private record Rule(String path, PathAccess access) {
    }

    private record Policy(String name, List<Rule> rules, int bind, int connect) {
        Policy(String name, Rule... rules) {
            this(name, List.of(rules), -1, -1);
        }
    }

    /** Everything the corpus runs: each operation against a fresh copy of the layout, under each policy. */
    static final List<String> OPERATIONS = List.of(
            "open-read:a/f", "open-read:a/ln-f", "open-read:a/ln-b", "open-read:a/sub/s", "open-read:c/k",
            "open-rdwr:a/f", "open-write:a/f", "open-write:c/k", "open-write:a/ln-b", "create:a/new",
            "create:a/sub/new", "create:b/new", "creat:a/g", "creat:a/dangling", "open-trunc:a/f", "rdonly-trunc:c/k",
            "truncate:a/f", "truncate:c/k", "ftruncate-write:a/f", "open-dir:a", "open-dir:a/sub", "open-dir:a/ln-dir",
            "mkdir:a/d", "mkdir:b/d", "rmdir:a/empty",
            "unlink:a/g", "unlink:b/h", "unlink:a/ln-b", "rename:a/f=>a/f2", "rename:a/f=>b/f2",
            "rename:a/sub=>b/sub2", "rename:a/f=>b/h", "rename:b/h=>a/h2", "exchange:a/f=>b/h", "link:a/f=>a/l",
            "link:a/f=>b/l", "symlink:x=>a/sym", "symlink:x=>b/sym", "mkfifo:a/fifo", "mknod-reg:a/reg",
            "bind-unix:a/sock", "exec:a/tool", "exec:a/script", "exec:b/tool");

    static final List<Policy> POLICIES = List.of(
            new Policy("nothing"),
            new Policy("ro a", new Rule("a", AccessMode.RO)),
            new Policy("rox a", new Rule("a", AccessMode.ROX)),
            new Policy("rw a", new Rule("a", AccessMode.RW)),
            new Policy("rwx a, ro b", new Rule("a", AccessMode.RWX), new Rule("b", AccessMode.RO)),
            new Policy("nested: ro root, rw a/sub", new Rule(".", AccessMode.RO), new Rule("a/sub", AccessMode.RW)),
            new Policy("file ro a/f", new Rule("a/f", AccessMode.RO)),
            new Policy("file rw a/f, ro c", new Rule("a/f", AccessMode.RW), new Rule("c", AccessMode.RO)),
            new Policy("rw a, rw b", new Rule("a", AccessMode.RW), new Rule("b", AccessMode.RW)),
            new Policy("rw a, rwx b (escalation)", new Rule("a", AccessMode.RW), new Rule("b", AccessMode.RWX)),
            new Policy("ro a, rw b", new Rule("a", AccessMode.RO), new Rule("b", AccessMode.RW)),
            new Policy("rw a/sub, rw b", new Rule("a/sub", AccessMode.RW), new Rule("b", AccessMode.RW)),
            new Policy("rwx a/f file, rw a, rw b", new Rule("a/f", AccessMode.RWX), new Rule("a", AccessMode.RW),
                    new Rule("b", AccessMode.RW)),
            new Policy("custom rights", new Rule("a", RightSet.of(FsAccess.MAKE_REG, FsAccess.WRITE_FILE,
                    FsAccess.REMOVE_FILE, FsAccess.REFER, FsAccess.READ_DIR)), new Rule("b", RightSet.of(
                    FsAccess.MAKE_REG, FsAccess.MAKE_DIR, FsAccess.REFER, FsAccess.MAKE_SYM, FsAccess.REMOVE_FILE)),
                    new Rule("c", RightSet.of(FsAccess.TRUNCATE, FsAccess.READ_FILE))),
            new Policy("execute without read", new Rule("a", RightSet.of(FsAccess.EXECUTE, FsAccess.READ_DIR)),
                    new Rule("b", AccessMode.ROX)),
            new Policy("special files", new Rule("a", RightSet.of(FsAccess.MAKE_FIFO, FsAccess.MAKE_SOCK,
                    FsAccess.REMOVE_DIR, FsAccess.MAKE_DIR))));

    @BeforeAll
    static void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void close() throws IOException {
        server.close();
    }

    /** a/ f g sub/s empty/ tool script ln-f->f ln-b->../b/h ln-dir->../b dangling->gone; b/ h sub/ tool; c/k. */
    static void layout(Path copy) throws IOException {
        Path a = Files.createDirectories(copy.resolve("a"));
        Path b = Files.createDirectories(copy.resolve("b"));
        Path c = Files.createDirectories(copy.resolve("c"));
        Files.writeString(a.resolve("f"), "f");
        Files.writeString(a.resolve("g"), "g");
        Files.createDirectories(a.resolve("sub"));
        Files.writeString(a.resolve("sub/s"), "s");
        Files.createDirectories(a.resolve("empty"));
        for (Path tool : List.of(a.resolve("tool"), b.resolve("tool"))) {
            Files.copy(Path.of("/usr/bin/true"), tool);
            Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path script = Files.writeString(a.resolve("script"), "#!/usr/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(a.resolve("ln-f"), Path.of("f"));
        Files.createSymbolicLink(a.resolve("ln-b"), Path.of("../b/h"));
        Files.createSymbolicLink(a.resolve("ln-dir"), Path.of("../b"));
        Files.createSymbolicLink(a.resolve("dangling"), Path.of("gone"));
        Files.writeString(b.resolve("h"), "h");
        Files.createDirectories(b.resolve("sub"));
        Files.writeString(c.resolve("k"), "k");
    }

    /** The corpus's result: how many accesses ran and which disagreed. */
    record Outcome(int accesses, List<String> disagreements, java.util.Map<String, Integer> results) {
    }

    static Outcome runCorpus(Path top, boolean asNobody) throws Exception {
        int accesses = 0;
        List<String> disagreements = new ArrayList<>();
        java.util.Map<String, Integer> tally = new java.util.TreeMap<>();
        int p = 0;
        for (Policy policy : POLICIES) {
            Path policyDir = Files.createDirectories(top.resolve("p" + p++));
            Sandbox.Builder builder = Sandbox.builder().readExec("/usr");
            List<String> args = new ArrayList<>();
            List<Path> copies = new ArrayList<>();
            for (int i = 0; i < OPERATIONS.size(); i++) {
                Path copy = Files.createDirectories(policyDir.resolve(String.valueOf(i)));
                layout(copy);
                copies.add(copy);
                for (Rule rule : policy.rules()) {
                    builder.path(copy.resolve(rule.path()).normalize().toString(), rule.access());
                }
                String[] op = OPERATIONS.get(i).split(":", 2);
                String arg = Stream.of(op[1].split("=>")).map(part -> op[0].equals("symlink")
                        && part.equals("x") ? "x" : copy.resolve(part).toString())
                        .reduce((x, y) -> x + "=>" + y).orElseThrow();
                args.add(op[0] + ":" + arg);
            }
            if (asNobody) {
                chownToNobody(top, policyDir);
            }
            List<String> command = new ArrayList<>(asNobody ? AsNobody.prefix() : List.of());
            command.addAll(Probe.command(args.toArray(String[]::new)));
            List<TraceEvent> events = new CopyOnWriteArrayList<>();
            SandboxedProcess process = builder.build().command(command)
                    .trace(events::add).start();
            Streams out = Streams.drain(process);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertTrue(process.trace().orElseThrow().awaitEnd(10, TimeUnit.SECONDS), "the trace ends with the run");
            List<String> results = out.stdout().lines().toList();
            assertEquals(OPERATIONS.size(), results.size(), "probe output: " + out.stdout() + out.stderr());
            for (int i = 0; i < OPERATIONS.size(); i++) {
                String copy = copies.get(i) + "/";
                List<TraceEvent> mine = events.stream().filter(e -> under(e.access(), copy)).toList();
                String predicted = predict(mine);
                accesses++;
                tally.merge(results.get(i), 1, Integer::sum);
                if (!predicted.equals(results.get(i))) {
                    disagreements.add(policy.name() + " / " + OPERATIONS.get(i) + ": kernel " + results.get(i)
                            + ", predicted " + predicted + " from " + mine.stream().map(e -> e.access().describe()
                            + " " + e.verdict().kind() + " (" + e.verdict().reason() + ")").toList());
                }
            }
        }
        return new Outcome(accesses, disagreements, tally);
    }

    private static boolean under(Access access, String copy) {
        return access.path() != null && access.path().startsWith(copy)
                || access.otherPath() != null && access.otherPath().startsWith(copy);
    }

    /** "ok" unless an event of the operation is denied: then its errno, as the probe prints it. */
    static String predict(List<TraceEvent> events) {
        if (events.isEmpty()) {
            return "(not traced)";
        }
        for (TraceEvent e : events) {
            if (e.verdict().denied()) {
                return e.verdict().errno() == Verdict.EXDEV ? "EXDEV" : "EACCES";
            }
        }
        return "ok";
    }

    private static void chownToNobody(Path top, Path dir) throws Exception {
        Process chown = new ProcessBuilder("chown", "-R", "-h", AsNobody.UID + ":" + AsNobody.UID, dir.toString())
                .inheritIO().start();
        assertEquals(0, chown.waitFor());
        AsNobody.openUp(root, dir);
    }

    @Test
    void everyPredictionAgreesWithTheKernel() throws Exception {
        Outcome outcome = runCorpus(Files.createDirectories(root.resolve("root")), false);
        System.out.println("access corpus: " + outcome.accesses() + " accesses, " + outcome.disagreements().size()
                + " disagreements; the kernel said " + outcome.results());
        assertTrue(outcome.accesses() >= 150);
        assertTrue(outcome.results().getOrDefault("ok", 0) >= 100 && outcome.results().getOrDefault("EACCES", 0)
                >= 100 && outcome.results().getOrDefault("EXDEV", 0) >= 5, "allowed and denied alike");
        assertEquals(List.of(), outcome.disagreements());
    }

    @Test
    void everyPredictionAgreesWithTheKernelForNobody() throws Exception {
        AsNobody.prefix();
        Path top = root.resolve("nobody");
        Files.createDirectories(top);
        Outcome outcome = runCorpus(top, true);
        System.out.println("access corpus as nobody: " + outcome.accesses() + " accesses, "
                + outcome.disagreements().size() + " disagreements; the kernel said " + outcome.results());
        assertEquals(List.of(), outcome.disagreements());
    }

}
