package dev.paddock.core.cli;

import dev.paddock.core.interop.DesktopEntryExporter;
import dev.paddock.core.interop.Export;
import dev.paddock.core.interop.LandlockConfigExporter;
import dev.paddock.core.interop.LandrunExporter;
import dev.paddock.core.interop.PaddockCommandLine;
import dev.paddock.core.interop.SandboxerExporter;
import dev.paddock.core.interop.SystemdUnitExporter;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code paddock export}: a profile in another format, on stdout; what does not translate exactly, on stderr. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Print a profile in another format. Warnings on stderr name every right the export widens "
                + "and everything the format cannot say.")
final class ExportCommand implements Callable<Integer> {

    enum Format { landrun, landlockconfig, sandboxer, systemd, desktop }

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "landrun, landlockconfig, sandboxer, systemd or desktop.")
    private Format format;

    @Option(names = "--runner", paramLabel = "RUNNER", defaultValue = "PADDOCK",
            description = "For systemd: what ExecStart runs, PADDOCK (run --profile) or LANDRUN.")
    private SystemdUnitExporter.Runner runner;

    @Option(names = "--terminal", description = "For desktop: run the command in a terminal.")
    private boolean terminal;

    @Parameters(paramLabel = "FILE", description = "The profile (JSON).")
    private Path file;

    @Override
    public Integer call() throws Exception {
        Profile profile = ProfileFiles.load(file);
        Export export = switch (format) {
            case landrun -> LandrunExporter.export(profile);
            case landlockconfig -> LandlockConfigExporter.export(profile, System.getenv());
            case sandboxer -> SandboxerExporter.export(profile);
            case systemd -> SystemdUnitExporter.export(profile, file, runner, PaddockCommandLine.detect());
            case desktop -> DesktopEntryExporter.export(profile, file, PaddockCommandLine.detect(), terminal);
        };
        String text = export.text();
        System.out.print(text.endsWith("\n") ? text : text + "\n");
        System.out.flush();
        export.warnings().forEach(warning -> System.err.println("paddock: warning: " + warning));
        return 0;
    }
}
