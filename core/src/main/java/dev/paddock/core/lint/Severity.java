package dev.paddock.core.lint;

import java.util.Locale;

/** How much a lint finding matters: an error fails {@code paddock lint}, a warning and a note do not. */
public enum Severity {
    /** A grant that lets the sandbox escape or take over the user's account. */
    ERROR,
    /** A grant wider than it should be, or a channel the sandbox leaves open. */
    WARNING,
    /** Worth knowing; nothing to fix. */
    INFO;

    /** "error", "warning" or "info". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
