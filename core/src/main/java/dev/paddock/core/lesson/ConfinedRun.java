package dev.paddock.core.lesson;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.policy.Policy;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Runs one command confined by the learner's policy and keeps what it printed. */
final class ConfinedRun {
    /** What programs print when the kernel refused: EACCES, EPERM, and EXDEV for a move Landlock refused. */
    private static final Pattern DENIAL = Pattern.compile("Permission denied|Operation not permitted|PermissionError"
            + "|Invalid cross-device link|EACCES|EPERM|EXDEV");

    /**
     * What a probe that must be denied prints once it has started, right before the access it tests: a denial
     * before it (the probe's own interpreter or libraries refused) proves nothing about that access.
     */
    static final String PROBE_STARTED = "paddock-probe: started";

    /** What a shell or the loader print when a program could not be started, which is not the probed access. */
    private static final Pattern START_FAILURE = Pattern.compile("exec: |error while loading shared libraries");

    private final Policy policy;
    private final CheckOptions options;

    ConfinedRun(Policy policy, CheckOptions options) {
        this.policy = policy;
        this.options = options;
    }

    /**
     * What one run did.
     *
     * @param exit        its exit code (128 + the signal when killed), or -1 when it did not start
     * @param output      standard output and error together
     * @param launchError why it did not start, or null
     */
    record Result(int exit, String output, String launchError) {
        boolean denied() {
            return DENIAL.matcher(output).find();
        }

        /** Whether a probe printed {@link #PROBE_STARTED}: it got as far as the access it tests. */
        boolean probeStarted() {
            return output.contains(PROBE_STARTED);
        }

        /**
         * Whether the probed access was denied: a denial printed after {@link #PROBE_STARTED}, on a line that does
         * not say a program could not be started.
         */
        boolean probeDenied() {
            int start = output.indexOf(PROBE_STARTED);
            if (start < 0) {
                return false;
            }
            for (String line : output.substring(start + PROBE_STARTED.length()).split("\n")) {
                if (DENIAL.matcher(line).find() && !START_FAILURE.matcher(line).find()) {
                    return true;
                }
            }
            return false;
        }

        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    Result run(List<String> command) {
        List<String> words = new ArrayList<>(options.runAs());
        words.addAll(command);
        Path log = null;
        try {
            log = Files.createTempFile("paddock-lesson-output", ".txt");
            SandboxedProcess process = Sandbox.of(policy).command(words)
                    .directory(new File(policy.workingDirectory()))
                    .redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile())).start();
            if (!process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, read(log), "it ran longer than " + options.timeout().toSeconds()
                        + " seconds and was stopped.");
            }
            return new Result(process.exitValue(), read(log), null);
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "the check was interrupted.");
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    private static String read(Path log) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        return new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.UTF_8);
    }
}
