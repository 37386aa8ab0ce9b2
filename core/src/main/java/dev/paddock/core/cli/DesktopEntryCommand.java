package dev.paddock.core.cli;

import dev.paddock.core.interop.DesktopEntries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code paddock desktop-entry}: menu entries that launch profiles. */
@Command(name = "desktop-entry", mixinStandardHelpOptions = true,
        description = "Add a profile to the applications menu (a .desktop file in $XDG_DATA_HOME/applications that "
                + "runs it sandboxed), remove it again, or list Paddock's entries.")
final class DesktopEntryCommand implements Callable<Integer> {

    @Option(names = "--remove", description = "Remove the profile's entry instead of adding it.")
    private boolean remove;

    @Option(names = "--list", description = "List the profiles that have entries.")
    private boolean list;

    @Parameters(paramLabel = "PROFILE", arity = "0..1", description = "The profile (JSON).")
    private Path profile;

    @Override
    public Integer call() throws Exception {
        DesktopEntries entries = DesktopEntries.ofUser();
        if (list) {
            // as paddock profiles lists the library: the folder, then each entry or "(none)"
            List<DesktopEntries.Entry> all = entries.list();
            System.out.println("Menu entries in " + entries.directory() + ":");
            if (all.isEmpty()) {
                System.out.println("  (none)");
            }
            for (DesktopEntries.Entry entry : all) {
                System.out.println("  " + entry.file().getFileName() + "  ->  " + entry.profile());
            }
            return 0;
        }
        if (profile == null) {
            throw new IllegalArgumentException("desktop-entry needs a PROFILE (or --list)");
        }
        if (remove) {
            System.out.println(entries.remove(profile) ? "removed the entry for " + profile
                    : "there was no entry for " + profile);
            return 0;
        }
        System.out.println("added " + entries.add(profile));
        return 0;
    }
}
