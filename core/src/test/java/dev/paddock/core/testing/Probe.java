package dev.paddock.core.testing;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs probe.py inside a sandbox: each operation prints "ok" or the errno name (EACCES, EPERM, ...), one line each.
 * Python runs with -S -I, so it needs nothing but /usr.
 */
public final class Probe {
    public static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = load();

    private Probe() {
    }

    private static String load() {
        try (InputStream in = Probe.class.getResourceAsStream("probe.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line that runs the given operations. */
    public static List<String> command(String... operations) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-S", "-I", "-c", SCRIPT));
        command.addAll(List.of(operations));
        return command;
    }

    /** Runs the operations in the sandbox and returns one result per operation. */
    public static List<String> run(Sandbox sandbox, String... operations) {
        try {
            SandboxedProcess process = sandbox.command(command(operations)).start();
            return Outputs.collect(process, operations.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one operation and returns its result. */
    public static String one(Sandbox sandbox, String operation) {
        return run(sandbox, operation).get(0);
    }

    /** Reads stdout and stderr fully and waits; fails with both if the output has the wrong number of lines. */
    public static final class Outputs {
        private Outputs() {
        }

        public static List<String> collect(Process process, int expectedLines) throws IOException {
            try {
                Streams streams = Streams.drain(process);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the probe did not finish in 60 s");
                }
                List<String> lines = streams.stdout().lines().toList();
                if (lines.size() != expectedLines) {
                    throw new AssertionError("expected " + expectedLines + " probe results, got " + lines
                            + "; stderr: " + streams.stderr() + "; exit " + process.exitValue());
                }
                return lines;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
