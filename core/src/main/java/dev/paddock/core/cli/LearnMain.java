package dev.paddock.core.cli;

import dev.paddock.core.SandboxException;
import dev.paddock.core.interop.LandrunCommandLine.RunRequest;
import dev.paddock.core.interop.LandrunCommandLine;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.learn.LearnedProfile.Port;
import dev.paddock.core.learn.LearnedProfile.Rule;
import dev.paddock.core.learn.LearnedProfile;
import dev.paddock.core.learn.ProfileLearner;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileWriter;

import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * {@code paddock learn}: runs a command confined and traced, widens its profile by the smallest fixes for what was
 * denied, runs it again, and proposes the profile that let it succeed, with a reason per rule.
 */
final class LearnMain {
    /** The exit code when the learned profile has open lint errors and --accept-warnings was not given. */
    static final int LINT_ERRORS = 3;
    /** The exit code when -o could not be written (the profile is printed on stdout instead). */
    static final int NOT_SAVED = 4;
    /** The exit code when the learning was stopped by a signal (the JVM's own, 128 + SIGINT, is used then). */
    private static final int INTERRUPTED = 130;

    private LearnMain() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        int rounds = ProfileLearner.DEFAULT_ROUNDS;
        Duration timeout = null;
        String output = null;
        String name = null;
        boolean showOutput = false;
        boolean unconfined = false;
        boolean acceptWarnings = false;
        List<String> runArgs = new ArrayList<>();
        try {
            int i = 0;
            while (i < args.size()) {
                String word = args.get(i);
                if (word.equals("--") || !word.startsWith("-") || word.equals("-")) {
                    break;
                }
                String flag = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                String inline = word.contains("=") ? word.substring(word.indexOf('=') + 1) : null;
                switch (flag) {
                    case "--help", "-h" -> {
                        out.print(usage());
                        out.flush();
                        return 0;
                    }
                    case "--rounds" -> {
                        String value = inline != null ? inline : value(args, ++i, flag);
                        try {
                            rounds = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--rounds takes a number, not " + value);
                        }
                        if (rounds < 1 || rounds > 100) {
                            throw new IllegalArgumentException("--rounds takes 1 to 100, not " + rounds);
                        }
                    }
                    case "--timeout" -> {
                        String value = inline != null ? inline : value(args, ++i, flag);
                        try {
                            double seconds = Double.parseDouble(value);
                            if (!(seconds > 0) || seconds > 86400) {
                                throw new NumberFormatException();
                            }
                            timeout = Duration.ofMillis((long) (seconds * 1000));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--timeout takes seconds (more than 0), not " + value);
                        }
                    }
                    case "-o", "--output" -> output = inline != null ? inline : value(args, ++i, flag);
                    case "--name" -> name = inline != null ? inline : value(args, ++i, flag);
                    case "--show-output" -> showOutput = true;
                    case "--unconfined" -> unconfined = true;
                    case "--accept-warnings" -> acceptWarnings = true;
                    case "--explain", "--dry-run" -> throw new IllegalArgumentException(flag
                            + " does not apply to learn");
                    default -> {
                        runArgs.add(word);
                        LandrunCommandLine.Flag known = LandrunCommandLine.flags().stream()
                                .filter(f -> ("--" + f.name()).equals(flag)).findFirst().orElse(null);
                        if (known != null && known.valueLabel() != null && inline == null && i + 1 < args.size()) {
                            runArgs.add(args.get(++i));
                        }
                    }
                }
                i++;
            }
            runArgs.addAll(args.subList(Math.min(i, args.size()), args.size()));
            RunRequest request;
            try {
                request = LandrunCommandLine.parse(runArgs, System.getenv("LANDRUN_LOG_LEVEL"));
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith("no command was given")) {
                    throw new IllegalArgumentException("no command was given: paddock learn [OPTIONS] [FLAGS] [--] "
                            + "COMMAND [ARGS]", e);
                }
                throw e;
            }
            if (request.help()) {
                out.print(usage());
                out.flush();
                return 0;
            }
            if (request.allowUnsandboxed()) {
                throw new IllegalArgumentException("learn runs confined only: --allow-unsandboxed does not apply");
            }
            Policy given = request.profile() == null ? request.policy() : RunMain.fromProfile(request);
            LaunchContext context = LaunchContext.forCommandLine(given);
            Policy start = ProfileLearner.startFor(given, context);
            if (unconfined) {
                say(err, "paddock: warning: --unconfined: the first run of " + given.command().get(0)
                        + " has NOTHING restricted (files, network, signals): use it only for programs you trust");
                err.flush();
            }
            ProfileLearner.Options options = ProfileLearner.Options.defaults().withRounds(rounds)
                    .withUnconfinedFirstRun(unconfined)
                    .withRoundTimeout(timeout).withContext(context)
                    .withOutput(showOutput ? Redirect.INHERIT : Redirect.DISCARD)
                    .withProgress(line -> {
                        say(err, "paddock: learn: " + line);
                        err.flush();
                    });
            LearnedProfile result;
            try {
                result = learnEndingWithThisJvm(start, options, err);
            } catch (SandboxException e) {
                if (e.reason() != SandboxException.Reason.SPAWN_FAILED || !learnChoosesTheStart(given)) {
                    throw e;
                }
                throw new SandboxException(e.reason(), "learn's own starting rules (the program, its #! "
                        + "interpreter, their ELF interpreters and libraries) did not let it start: " + e.getMessage()
                        + "; give the rules it needs to start with run's flags or --profile", e);
            }
            if (result == null) {
                return INTERRUPTED;
            }
            String home = System.getenv("HOME");
            String pwd = context.directory().toString();
            String profileName = name != null ? name : Path.of(given.command().get(0)).getFileName().toString();
            Profile profile = result.profile(profileName, home, pwd);
            print(result, home, pwd, err);
            if (!result.lintErrors().isEmpty() && !acceptWarnings) {
                say(err, "paddock: learn: the learned profile was NOT written: the lint finds " + errors(result)
                        + " in it (above); leave those rules out (or narrow them) and learn again, or pass "
                        + "--accept-warnings to write it anyway");
                err.flush();
                return LINT_ERRORS;
            }
            if (output != null) {
                try {
                    ProfileFiles.save(profile, Path.of(output));
                    say(err, "paddock: learn: wrote " + output);
                } catch (ProfileException e) {
                    say(err, "paddock: learn: the learned profile cannot be written to " + output + ": "
                            + why(e.getCause(), Path.of(output)) + "; it is printed below instead");
                    err.flush();
                    out.print(ProfileWriter.write(profile));
                    out.flush();
                    return NOT_SAVED;
                }
            } else {
                out.print(ProfileWriter.write(profile));
            }
            out.flush();
            err.flush();
            return result.succeeded() ? 0 : PaddockCli.FAILURE;
        } catch (ProfileException | SandboxException | IllegalArgumentException e) {
            say(err, "paddock: " + e.getMessage());
            err.flush();
            return PaddockCli.FAILURE;
        }
    }

    /**
     * Learns as {@link ProfileLearner#learn} does; should this JVM be ended meanwhile (Ctrl-C, SIGTERM, SIGHUP), every
     * process of the round that runs is ended, as Stop does, before the JVM exits. Null when it was ended so.
     */
    private static LearnedProfile learnEndingWithThisJvm(Policy start, ProfileLearner.Options options,
                                                         PrintStream err) throws SandboxException {
        ProfileLearner learner = ProfileLearner.begin(start, options);
        Thread ender = new Thread(() -> {
            try {
                if (!learner.cancelAndWait(Duration.ofSeconds(10))) {
                    say(err, "paddock: learn: the round's processes did not end within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "paddock-learn-end");
        Runtime.getRuntime().addShutdownHook(ender);
        try {
            while (!learner.finished()) {
                learner.accept(learner.nextRound().folders(), true);
            }
            return learner.result();
        } catch (CancellationException e) {
            return null;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(ender);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
    }

    /** Whether learn chooses the starting rules itself: the user gave none (as {@link ProfileLearner#startFor}). */
    private static boolean learnChoosesTheStart(Policy given) {
        return given.paths().isEmpty() && !given.addExec() && !given.ldd();
    }

    /**
     * One line on stderr, every control character in it escaped: traced paths and the program's name, which the
     * sandboxed program chooses, must not reach the terminal raw.
     */
    private static void say(PrintStream err, String line) {
        err.println(ControlCharacters.visible(line));
    }

    /** Why a file could not be written, in words: "permission denied", "no such folder: /x". */
    private static String why(Throwable cause, Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (cause instanceof AccessDeniedException) {
            return "permission denied (this user may not write in " + folder + ")";
        }
        if (cause instanceof NoSuchFileException) {
            return "no such folder: " + folder;
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return cause == null ? "unknown reason" : cause.getMessage();
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static void print(LearnedProfile result, String home, String pwd, PrintStream err) {
        say(err, "paddock: learn: " + result.stop() + " (" + result.rounds().size() + " round"
                + (result.rounds().size() == 1 ? "" : "s") + ")");
        say(err, "paddock: learn: proposed rules:");
        for (Rule rule : result.rules()) {
            say(err, "paddock: learn:   --" + rule.label() + " "
                    + LearnedProfile.withVariables(rule.path(), home, pwd) + (rule.warning() == null ? ""
                    : "   WARNING: " + rule.warning()));
            for (String reason : rule.reasons().subList(0, Math.min(3, rule.reasons().size()))) {
                say(err, "paddock: learn:       " + reason);
            }
            if (rule.reasons().size() > 3) {
                say(err, "paddock: learn:       and " + (rule.reasons().size() - 3) + " more");
            }
        }
        for (Port port : result.ports()) {
            say(err, "paddock: learn:   --" + (port.right() == NetAccess.BIND_TCP ? "bind-tcp " : "connect-tcp ")
                    + port.port());
            port.reasons().forEach(r -> say(err, "paddock: learn:       " + r));
        }
        for (String note : result.unlearned()) {
            say(err, "paddock: learn: not allowed: " + note);
        }
        for (String warning : result.warnings()) {
            say(err, "paddock: learn: warning: " + warning);
        }
        for (String error : result.lintErrors()) {
            say(err, "paddock: learn: lint error: " + error);
        }
        err.flush();
    }

    private static String errors(LearnedProfile result) {
        int count = result.lintErrors().size();
        return count + (count == 1 ? " error" : " errors");
    }

    static String usage() {
        return "Usage: paddock learn [--profile START.json | FLAGS like run's] [--rounds N] [--timeout SECONDS]\n"
                + "                     [-o OUT.json] [--name NAME] [--show-output] [--unconfined]\n"
                + "                     [--accept-warnings] [--] COMMAND [ARGS...]\n"
                + "Propose a profile for COMMAND: run it confined and traced, add the smallest rule for each\n"
                + "denied access, and run it again, until it succeeds (exit 0), nothing changes, or N rounds\n"
                + "(default " + ProfileLearner.DEFAULT_ROUNDS + ") have run. Every run is confined. Without a starting\n"
                + "profile or path flags, the program may at first only execute itself and load its libraries.\n\n"
                + "  --rounds N         at most N runs\n"
                + "  --timeout SECONDS  stop each run after SECONDS (for servers); a run that lasts until then\n"
                + "                     without a denial counts as a success\n"
                + "  -o FILE            write the profile there (atomically, the previous one kept as .bak);\n"
                + "                     else it is printed on stdout\n"
                + "  --name NAME        the profile's name (default: the program's)\n"
                + "  --show-output      let the program's output through (default: discarded)\n"
                + "  --unconfined       first one traced run with NOTHING restricted, whose accesses become the\n"
                + "                     rules (then the confined runs check them): only for programs you trust\n"
                + "  --accept-warnings  write the profile even when the lint finds errors in it (write access to\n"
                + "                     ~/.bashrc, ~/.ssh, the autostart folders...); without it such a profile\n"
                + "                     is not written\n\n"
                + "The rules with their reasons go to stderr, a rule the lint judges dangerous with a WARNING;\n"
                + "${HOME} and ${PWD} replace the home folder and the current directory in the written profile.\n"
                + "Exit code: 0 when the last run succeeded, 1 when it did not, " + LINT_ERRORS + " when the profile\n"
                + "has lint errors and --accept-warnings was not given (nothing is written), " + NOT_SAVED + " when -o\n"
                + "could not be written (the profile is printed on stdout instead).\n";
    }
}
