package dev.paddock.core.cli;

import dev.paddock.core.sys.NativeStartup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;

/**
 * The {@code paddock} command line. Exit codes: 0 success; 1 any failure of Paddock itself (bad flags, a missing
 * path, a kernel that cannot enforce what was asked); {@code run} otherwise exits with the command's own code.
 */
@Command(name = "paddock", mixinStandardHelpOptions = true, versionProvider = PaddockCli.Version.class,
        description = "Run commands in Landlock sandboxes, and see what this kernel can enforce.",
        subcommands = {RunCommand.class, LearnCommand.class, CheckCommand.class, ExportCommand.class, ImportCommand.class,
                ProfilesCommand.class, LessonCommand.class, DesktopEntryCommand.class, AbiCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:Paddock failed (the message says why)",
                "n:with run, the sandboxed command's own exit code"})
public final class PaddockCli implements Runnable {
    /** Paddock's own failures, whatever they are. */
    public static final int FAILURE = 1;

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
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched && e.getCommandLine() == line
                    && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
                String word = unmatched.getUnmatched().get(0);
                message = "unknown command \"" + word + "\"" + Suggestion.closest(word,
                        line.getSubcommands().keySet()).map(s -> ": did you mean " + s + "?").orElse("");
            }
            err.println("paddock: " + message + " (see: " + command + " --help)");
            return FAILURE;
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
