package dev.paddock.app.model;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.trace.Fix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Allow puts a denial's smallest rule into the profile, widening a rule the path already has, and selects it. */
class ProfileFixTest {

    @Test
    void aNewPathGetsARuleInTheFixModeAndIsSelected() {
        EditorModel editor = new EditorModel();
        String done = ProfileFix.apply(editor, Fix.onFile("/etc/hostname", Set.of(FsAccess.READ_FILE)));
        PathRow row = editor.paths().get(editor.paths().size() - 1);
        assertEquals("/etc/hostname", row.pathProperty().get());
        assertEquals(AccessMode.RO, row.accessProperty().get());
        assertSame(row, editor.selectedPathProperty().get());
        assertEquals("Added ro on the file /etc/hostname to the profile", done);
    }

    @Test
    void aPathWithARuleIsWidenedNotDoubled() {
        EditorModel editor = new EditorModel();
        editor.addPath("/srv/out", AccessMode.ROX);
        int rules = editor.paths().size();
        String done = ProfileFix.apply(editor, Fix.onDirectory("/srv/out", Set.of(FsAccess.MAKE_REG)));
        assertEquals(rules, editor.paths().size());
        PathRow row = editor.paths().get(rules - 1);
        assertEquals(AccessMode.RWX, row.accessProperty().get(), "rw's rights and rox's execute");
        assertEquals("Widened the rule for /srv/out from rox to rwx", done);
        assertSame(row, editor.selectedPathProperty().get());
    }

    @Test
    void customRightsGainOnlyWhatIsMissing() {
        assertEquals(new RightSet(Set.of(FsAccess.TRUNCATE, FsAccess.READ_FILE, FsAccess.READ_DIR)),
                ProfileFix.widen(RightSet.of(FsAccess.TRUNCATE), AccessMode.RO));
        assertEquals(AccessMode.RW, ProfileFix.widen(AccessMode.RO, AccessMode.RW));
    }

    @Test
    void aPortFixAddsThePort() {
        EditorModel editor = new EditorModel();
        ProfileFix.apply(editor, Fix.onPort(NetAccess.CONNECT_TCP, 443));
        assertEquals(List.of(443), editor.connectPorts());
    }
}
