package dev.paddock.app.model;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.trace.Fix;

import java.util.EnumSet;
import java.util.Set;

/**
 * Allow: a denial's smallest rule put into the profile in the editor. A path that already has a rule gets the rights
 * it lacks (the narrowest mode that holds both, or the rights one by one for a custom rule); else a new rule in the
 * fix's access (read_dir alone for a listing: ro would read every file beneath). The rule's row is then selected in the editor. A port fix adds the port.
 */
final class ProfileFix {
    private ProfileFix() {
    }

    /** Applies the fix; returns what changed, as a sentence. */
    static String apply(EditorModel editor, Fix fix) {
        if (fix.path() == null) {
            boolean bind = fix.netRight() == NetAccess.BIND_TCP;
            String problem = editor.addPort(bind, String.valueOf(fix.port()));
            return problem != null ? "Cannot allow it: " + problem
                    : "Allowed " + fix.describe() + " in the profile's Network section";
        }
        PathRow row = editor.paths().stream().filter(r -> r.pathProperty().get().equals(fix.path())).findFirst()
                .orElse(null);
        String done;
        if (row == null) {
            row = editor.addPath(fix.path(), fix.access());
            done = "Added " + fix.describe() + " to the profile";
        } else {
            PathAccess widened = widen(row.accessProperty().get(), fix.access());
            done = widened.equals(row.accessProperty().get()) ? "The profile already allows " + fix.describe()
                    : "Widened the rule for " + fix.path() + " from " + row.accessProperty().get().label() + " to "
                    + widened.label();
            row.accessProperty().set(widened);
        }
        editor.selectedPathProperty().set(row);
        return done;
    }

    /** The access that grants what {@code have} grants and what {@code need} grants. */
    static PathAccess widen(PathAccess have, PathAccess need) {
        Set<FsAccess> rights = EnumSet.copyOf(have.rightsFor(true));
        rights.addAll(need.rightsFor(true));
        AccessMode mode = AccessMode.narrowestCovering(rights);
        if (have instanceof AccessMode && mode != null) {
            return mode;
        }
        return mode != null && mode.rightsFor(true).equals(rights) ? mode : new RightSet(rights);
    }
}
