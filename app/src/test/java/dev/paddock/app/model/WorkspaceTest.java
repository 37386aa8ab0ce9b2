package dev.paddock.app.model;

import dev.paddock.core.interop.DesktopEntries;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.paddock.app.model.Fx.onFx;
import static dev.paddock.app.model.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's state: opening good and broken files, what blocks a run and why, saving into the library, importing
 * a landrun command line, and the runs it keeps (numbered titles, closing the finished ones).
 */
class WorkspaceTest {
    private static final Profile ECHO = new Profile("Echo", "says hi", "", Policy.builder().readExec("/usr")
            .command("/usr/bin/echo", "hi").build());

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private Workspace workspace() {
        return new Workspace(LandlockSupport.detect(), new ProfileLibrary(dir.resolve("library")),
                new DesktopEntries(dir.resolve("applications"), List.of("paddock")));
    }

    @Test
    void aGoodFileIsEditedAndPredictedAndABrokenOneIsShownInsteadOfTheEditor() throws Exception {
        Workspace workspace = workspace();
        Path good = dir.resolve("echo.json");
        ProfileFiles.save(ECHO, good);
        assertTrue(workspace.open(good));
        assertEquals("Echo", workspace.editor().nameProperty().get());
        assertEquals(good, workspace.shownFileProperty().getValue());
        assertEquals("", workspace.runBlockedProperty().get());
        assertNotNull(workspace.insight().prediction().predictionProperty().get(),
                workspace.insight().prediction().problemProperty().get());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ \"name\": ");
        assertFalse(workspace.open(broken));
        assertEquals(broken, workspace.brokenPathProperty().get());
        assertEquals(broken, workspace.shownFileProperty().getValue());
        assertFalse(workspace.brokenFileProperty().get().isEmpty());
        assertEquals("there is no profile to run: broken.json cannot be opened", workspace.runBlockedProperty().get());
        assertNull(workspace.editor().fileProperty().get(), "nothing of the previous profile stays in the editor");
        assertTrue(workspace.insight().prediction().problemProperty().get().startsWith("the file cannot be opened: "),
                workspace.insight().prediction().problemProperty().get());
        ProfileException refused = assertThrows(ProfileException.class, workspace::save);
        assertTrue(refused.getMessage().startsWith("there is nothing to save: "), refused.getMessage());

        assertTrue(workspace.open(good));
        assertNull(workspace.brokenPathProperty().get());
        assertEquals("", workspace.brokenFileProperty().get());
    }

    @Test
    void aNewProfileIsBlockedUntilItHasACommandAndSavesIntoTheLibrary() throws Exception {
        Workspace workspace = workspace();
        workspace.newProfile();
        assertEquals("New profile", workspace.editor().nameProperty().get());
        assertEquals("the profile has no command: set a program in the Command section",
                workspace.runBlockedProperty().get());
        assertNull(workspace.run(), "a blocked run does not start");
        assertEquals("Cannot run: the profile has no command: set a program in the Command section",
                workspace.messageProperty().get());

        workspace.editor().load(ECHO, null);
        Path saved = workspace.save();
        assertTrue(saved.startsWith(dir.resolve("library")), saved.toString());
        assertEquals(ECHO.policy(), ProfileFiles.load(saved).policy());
        assertEquals("Saved " + saved, workspace.messageProperty().get());
        assertFalse(workspace.editor().dirtyProperty().get());
        assertEquals(saved, workspace.editor().fileProperty().get());
    }

    @Test
    void aPastedLandrunLineBecomesANewUnsavedProfile() {
        Workspace workspace = workspace();
        List<String> warnings = workspace.importLandrun("landrun --rox /usr --connect-tcp 443 /usr/bin/curl x");
        assertEquals(List.of(), warnings);
        assertNull(workspace.editor().fileProperty().get());
        Profile profile = workspace.editor().profileProperty().get();
        assertEquals(List.of("/usr/bin/curl", "x"), profile.policy().command());
        assertEquals(List.of(443), workspace.editor().connectPorts());
    }

    @Test
    void runsOfOneProfileAreNumberedAndTheFinishedOnesClose() throws Exception {
        Workspace workspace = onFx(this::workspace);
        RunSession first = onFx(() -> {
            workspace.editor().load(ECHO, null);
            return workspace.run();
        });
        RunSession second = onFx(workspace::run);
        assertEquals("Echo", first.title());
        assertEquals("Echo #2", second.title());
        assertEquals(second, onFx(() -> workspace.activeRunProperty().get()));
        assertTrue(waitFor(() -> onFx(() -> !first.isActive() && !second.isActive())), "both runs end");
        onFx(() -> {
            workspace.closeFinishedRuns();
            return null;
        });
        assertEquals(List.of(), onFx(() -> List.copyOf(workspace.runs())));
        assertNull(onFx(() -> workspace.activeRunProperty().get()));
        assertTrue(workspace.insight().awaitSettled(Duration.ofSeconds(20)));
        assertFalse(onFx(workspace::wouldRunUnsandboxed), "a profile with rules is enforced");
    }
}
