package dev.paddock.core.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interactive bash on a pseudo-terminal, driven by steps as a person at the keyboard would: type a line or a key
 * (Ctrl-C is {@code "\u0003"}), wait until the terminal shows a text, pause. What the terminal showed is returned.
 * The terminal's line discipline turns Ctrl-C and Ctrl-Z into signals to its foreground process group, as for a user.
 */
public final class PtyShell {
    private static final String DRIVER = String.join("\n",
            "import os, pty, sys, time, select",
            "pid, fd = pty.fork()",
            "if pid == 0:",
            "    os.environ['PS1'] = '$ '",
            "    os.execv('/bin/bash', ['bash', '--norc', '--noprofile', '-i'])",
            "out = b''",
            "seen = 0",
            "def pump(seconds, until=None):",
            "    global out, seen",
            "    end = time.time() + seconds",
            "    while time.time() < end:",
            "        if until is not None and until in out[seen:]:",
            "            seen = out.index(until, seen) + len(until)",
            "            return True",
            "        r, _, _ = select.select([fd], [], [], 0.05)",
            "        if r:",
            "            try: data = os.read(fd, 4096)",
            "            except OSError: return False",
            "            if not data: return False",
            "            out += data",
            "    return until is None",
            "pump(1, b'$ ')",
            "for step in sys.argv[1:]:",
            "    kind, _, arg = step.partition(':')",
            "    if kind == 'type': os.write(fd, arg.encode())",
            "    elif kind == 'wait':",
            "        if not pump(60, arg.encode()): out += b'\\n[driver: gave up waiting for ' + arg.encode() + b']\\n'",
            "    elif kind == 'sleep': pump(float(arg))",
            "pump(0.5)",
            "os.write(fd, b'exit\\n')",
            "pump(3)",
            "try: os.kill(pid, 9)",
            "except OSError: pass",
            "os.waitpid(pid, 0)",
            "sys.stdout.write(out.decode(errors='replace'))");

    private PtyShell() {
    }

    /**
     * Runs the steps in a fresh interactive bash: {@code "type:TEXT"} writes TEXT to the terminal, {@code
     * "wait:TEXT"} waits (at most 60 s) until the terminal shows TEXT after what the last wait saw, {@code
     * "sleep:SECONDS"} lets time pass.
     *
     * @param steps the steps, in order
     * @return everything the terminal showed
     */
    public static String drive(String... steps) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", DRIVER));
        command.addAll(List.of(steps));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true).start();
        driver.getOutputStream().close();
        Streams streams = Streams.drain(driver);
        assertTrue(driver.waitFor(180, TimeUnit.SECONDS), "the driver did not finish");
        return streams.stdout();
    }

    /**
     * The shell words that start this build's {@code paddock} CLI, each quoted; with a classpath copied where nobody
     * can read it when {@code prefix} runs it as another user ({@link AsNobody#prefix()}).
     *
     * @param prefix words before java (setpriv ...), or none
     * @param main   the CLI's main class
     * @return the command line
     */
    public static String paddockCommandLine(List<String> prefix, Class<?> main) {
        List<String> words = new ArrayList<>(prefix);
        words.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", prefix.isEmpty() ? System.getProperty("java.class.path")
                        : AsNobody.classpath(), main.getName()));
        return String.join(" ", words.stream().map(PtyShell::quote).toList());
    }

    /** One word for the shell, in single quotes. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
