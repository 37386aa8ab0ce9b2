package dev.paddock.core.cli;

import dev.paddock.core.interop.Suggestion;
import dev.paddock.core.sys.NativeStartup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code paddock} command line. Exit codes: 0 success; 1 any failure of Paddock itself (bad flags, a missing
 * path, a kernel that cannot enforce what was asked); {@code run} otherwise exits with the command's own code;
 * {@code lint} and {@code lesson} answer 2 to a wrong command line or a profile that cannot be read (their own lists
 * say so), {@code learn} 3 to a learned profile with lint errors.
 */
@Command(name = "paddock", mixinStandardHelpOptions = true, versionProvider = PaddockCli.Version.class,
        description = "Run commands in Landlock sandboxes, and see what this kernel can enforce.",
        subcommands = {RunCommand.class, LearnCommand.class, CheckCommand.class, LintCommand.class, ExportCommand.class, ImportCommand.class,
                ProfilesCommand.class, LessonCommand.class, DesktopEntryCommand.class, AbiCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:Paddock failed (the message says why)",
                "n:with run, the sandboxed command's own exit code",
                "2:with lint and lesson, a wrong command line, a profile that could not be read, or an unknown "
                        + "lesson (1: a lint error, a lesson not passed)",
                "3:with learn, the learned profile has lint errors and --accept-warnings was not given"})
public final class PaddockCli implements Runnable {
    /** Paddock's own failures, whatever they are. */
    public static final int FAILURE = 1;
    /** A wrong command line, for the commands whose exit codes say 2 (lint, lesson). */
    static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        NativeStartup.skipLibraryDirectoryScan();
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (run replaces the process instead of returning when it succeeds). */
    public static int execute(String... args) {
        if (args.length > 0 && args[0].equals("run")) {
            return RunMain.run(List.of(args).subList(1, args.length), System.out, System.err);
        }
        if (args.length > 0 && args[0].equals("learn")) {
            return LearnMain.run(List.of(args).subList(1, args.length), System.out, System.err);
        }
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new PaddockCli());
        line.setStopAtPositional(true);
        line.getSubcommands().get("run").getCommandSpec().usageMessage().footer("%n" + RunMain.flagHelp()
                .replace("%", "%%"));
        line.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
            String message = e.getMessage();
            Map<String, CommandLine> subcommands = e.getCommandLine().getSubcommands();
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !subcommands.isEmpty()
                    && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
                String word = unmatched.getUnmatched().get(0);
                message = "unknown command \"" + word + "\"" + Suggestion.closest(word,
                        subcommands.keySet()).map(s -> ": did you mean " + s + "?").orElse("");
            }
            err.println("paddock: " + message + " (see: " + command + " --help)");
            return usageExitCode(e.getCommandLine());
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof java.nio.file.NoSuchFileException) {
                message = "no such file: " + message;
            }
            cmd.getErr().println("paddock: " + message);
            return FAILURE;
        });
        return line;
    }

    /**
     * The exit code for a wrong command line: 2 where the command (or the command it belongs to, such as lesson for
     * lesson check) lists 2 among its exit codes, as lint and lesson do; else 1, as every other command says.
     */
    static int usageExitCode(CommandLine command) {
        for (CommandLine c = command; c != null && c.getParent() != null; c = c.getParent()) {
            if (c.getCommandSpec().usageMessage().exitCodeList().containsKey("2")) {
                return USAGE;
            }
        }
        return FAILURE;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"paddock " + version()};
        }

        static String version() {
            Properties properties = new Properties();
            try (InputStream in = PaddockCli.class.getResourceAsStream("/dev/paddock/core/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            return properties.getProperty("version", "unknown");
        }
    }
}
