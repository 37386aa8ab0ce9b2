package dev.paddock.core.interop;

import dev.paddock.core.profile.Profile;

import java.util.List;

/** A profile read from another format, with every way in which it differs from what that format said. */
public record Import(Profile profile, List<String> warnings) {

    public Import {
        warnings = List.copyOf(warnings);
    }
}
