package dev.paddock.core.cli;

import dev.paddock.core.interop.Import;
import dev.paddock.core.interop.LandlockConfigImporter;
import dev.paddock.core.interop.ShellWords;
import dev.paddock.core.interop.LandrunImporter;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code paddock import}: a landrun line or a landlockconfig file as a profile. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Make a profile from a landrun command line (the words after --from landrun, or stdin) or a "
                + "landlockconfig JSON file (or - for stdin).")
final class ImportCommand implements Callable<Integer> {

    enum Source { landrun, landlockconfig }

    @Option(names = "--from", required = true, paramLabel = "FORMAT", description = "landrun or landlockconfig.")
    private Source from;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Save the profile here (atomically, keeping a .bak) instead of printing it.")
    private Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "The profile's name.")
    private String name;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "The landrun line (as words, or one quoted string), or the landlockconfig file.")
    private List<String> input = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Import result = switch (from) {
            case landrun -> LandrunImporter.parse(input.isEmpty() || input.equals(List.of("-")) ? stdin()
                    : input.size() == 1 ? input.get(0) : ShellWords.join(input));
            case landlockconfig -> landlockConfig();
        };
        var profile = name == null ? result.profile() : result.profile().withName(name);
        result.warnings().forEach(warning -> System.err.println("paddock: warning: " + warning));
        if (output == null) {
            System.out.print(ProfileWriter.write(profile));
        } else {
            ProfileFiles.save(profile, output);
            System.err.println("paddock: saved " + output);
        }
        System.out.flush();
        return 0;
    }

    /** The landlockconfig import, its errors naming the file they are about. */
    private Import landlockConfig() throws IOException {
        String text = landlockConfigText();
        String source = input.get(0).equals("-") ? "standard input" : input.get(0);
        try {
            return LandlockConfigImporter.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private String landlockConfigText() throws IOException {
        if (input.size() != 1) {
            throw new IllegalArgumentException("--from landlockconfig takes one FILE (or - for stdin)");
        }
        if (input.get(0).equals("-")) {
            return stdin();
        }
        Path file = Path.of(input.get(0));
        if (Files.size(file) > ProfileFiles.MAX_SIZE) {
            throw new IllegalArgumentException(file + " is larger than 1 MiB");
        }
        return Files.readString(file);
    }

    private static String stdin() throws IOException {
        return new String(System.in.readNBytes((int) ProfileFiles.MAX_SIZE), StandardCharsets.UTF_8);
    }
}
