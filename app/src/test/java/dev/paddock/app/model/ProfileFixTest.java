package dev.paddock.app.model;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.trace.Fix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aListingAddsReadDirAloneNotRo() {
        EditorModel editor = new EditorModel();
        String done = ProfileFix.apply(editor, Fix.onDirectory("/", Set.of(FsAccess.READ_DIR)));
        PathRow row = editor.paths().get(editor.paths().size() - 1);
        assertEquals("/", row.pathProperty().get());
        assertEquals(RightSet.of(FsAccess.READ_DIR), row.accessProperty().get(), "listing / reads no file on it");
        assertEquals("Added read_dir on the directory / to the profile", done);
    }

    @Test
    void aRuleTheLintCallsAnErrorIsNamedBeforeAllowAddsIt() {
        EditorModel editor = new EditorModel();
        LandlockSupport support = LandlockSupport.detect();
        Map<String, String> environment = Map.of("HOME", "/root", "PATH", "/usr/bin");
        List<String> wholeDisk = AllowRisks.of(editor, new Fix("/", true, AccessMode.RO, null, -1), support,
                environment);
        assertFalse(wholeDisk.isEmpty(), "ro on / reads every file on the disk");
        assertTrue(wholeDisk.stream().allMatch(risk -> risk.contains(" on /: ")), wholeDisk.toString());
        assertTrue(wholeDisk.stream().anyMatch(risk -> risk.startsWith("broad-rule on /: ")), wholeDisk.toString());
        List<String> home = AllowRisks.of(editor, new Fix("/root", true, AccessMode.RW, null, -1), support,
                environment);
        assertTrue(home.stream().anyMatch(risk -> risk.startsWith("home-writable")), "a writable home: " + home);
        assertEquals(List.of(), AllowRisks.of(editor, Fix.onFile("/etc/hostname", Set.of(FsAccess.READ_FILE)),
                support, environment), "reading one file is no lint error");
        List<String> listing = AllowRisks.of(editor, Fix.onDirectory("/", Set.of(FsAccess.READ_DIR)), support,
                environment);
        assertTrue(listing.stream().anyMatch(risk -> risk.startsWith("broad-rule on /: ")),
                "a rule on / is asked about even when it only lists: " + listing);
        assertTrue(listing.stream().noneMatch(risk -> risk.startsWith("secrets-readable")),
                "listing / reads no key: " + listing);
        assertEquals(1, editor.paths().size(), "asking changes nothing in the editor");
    }

    @Test
    void aPortFixAddsThePort() {
        EditorModel editor = new EditorModel();
        ProfileFix.apply(editor, Fix.onPort(NetAccess.CONNECT_TCP, 443));
        assertEquals(List.of(443), editor.connectPorts());
    }
}
