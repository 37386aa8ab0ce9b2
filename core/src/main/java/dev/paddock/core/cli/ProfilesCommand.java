package dev.paddock.core.cli;

import dev.paddock.core.profile.ProfileLibrary;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code paddock profiles}: the user's profile library. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"List the profiles in your library, each with its name and description.",
                // a line of its own each: picocli would break a path after "~/."
                "The library: $XDG_CONFIG_HOME/paddock/profiles", "(by default ~/.config/paddock/profiles)."})
final class ProfilesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        ProfileLibrary library = ProfileLibrary.ofUser();
        List<ProfileLibrary.Entry> entries = library.list();
        System.out.println("Profiles in " + library.directory() + ":");
        if (entries.isEmpty()) {
            System.out.println("  (none)");
        }
        for (ProfileLibrary.Entry entry : entries) {
            String file = entry.file().getFileName().toString();
            if (entry.broken()) {
                System.out.printf("  %-28s BROKEN: %s%n", file, entry.error());
            } else {
                System.out.printf("  %-28s %s%s%n", file, entry.profile().name(),
                        entry.profile().description().isBlank() ? "" : " - " + entry.profile().description());
            }
        }
        return 0;
    }
}
