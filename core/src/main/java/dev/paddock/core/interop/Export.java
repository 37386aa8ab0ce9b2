package dev.paddock.core.interop;

import java.util.List;

/**
 * The text of an export, and every way in which it is not exactly the profile: rights it widens, things the target
 * format cannot say. An export with no warnings is exact.
 */
public record Export(String text, List<String> warnings) {

    public Export {
        warnings = List.copyOf(warnings);
    }

    public boolean exact() {
        return warnings.isEmpty();
    }
}
