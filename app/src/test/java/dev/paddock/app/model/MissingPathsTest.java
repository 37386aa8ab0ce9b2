package dev.paddock.app.model;

import dev.paddock.core.SandboxException;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app refuses a profile with a path or working directory that does not exist, as {@code paddock check} and
 * {@code paddock run --profile} do and with their sentence, unless the profile sets ignoreMissing: a profile that
 * runs in the app also runs from its menu entry.
 */
@ExtendWith(ApplicationExtension.class)
class MissingPathsTest {
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        // the toolkit only: a run's clock is a Timeline
    }

    private Path profile(String name, String extra) throws Exception {
        return Files.writeString(dir.resolve(name + ".json"), """
                {"formatVersion": 1, "name": "%s", "command": ["/usr/bin/true"], %s
                 "paths": [{"path": "/usr", "mode": "rox"}, {"path": "${PROFILE_DIR}/missing", "mode": "ro"}]}
                """.formatted(name, extra));
    }

    private static RunSession run(Path file) throws Exception {
        Profile profile = ProfileFiles.load(file);
        return Fx.onFx(() -> RunSession.start(profile, file, true, 80, 24, false));
    }

    private static void refusedWith(Path file, String sentence) throws Exception {
        RunSession session = run(file);
        assertEquals(RunSession.State.FAILED, session.stateProperty().get(), session.output().text());
        assertTrue(session.output().text().contains("[paddock] could not start: " + sentence + "\n"),
                session.output().text());
        SandboxException predicted = assertThrows(SandboxException.class,
                () -> PredictionModel.compile(ProfileFiles.load(file), file, LandlockSupport.detect()));
        assertEquals(sentence, predicted.getMessage());
    }

    @Test
    void aMissingPathIsRefusedWithTheCommandLinesSentence() throws Exception {
        refusedWith(profile("missing", ""), "the path " + dir.resolve("missing") + " does not exist: create it, "
                + "remove its rule, or ignore missing paths (--ignore-missing; in a profile, \"ignoreMissing\": true or the rule's \"optional\")");
    }

    @Test
    void withIgnoreMissingItRunsAndTheReportSaysWhatWasSkipped() throws Exception {
        RunSession session = run(profile("ignored", "\"ignoreMissing\": true,"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> session.stateProperty().get() == RunSession.State.EXITED);
        assertEquals(0, session.exitProperty().get().code(), session.output().text());
        assertTrue(session.reportProperty().get().notes().contains("skipped " + dir.resolve("missing")
                + ": it does not exist"), session.reportProperty().get().notes().toString());
    }

    @Test
    void aMissingWorkingDirectoryIsRefusedWithTheCommandLinesSentence() throws Exception {
        Files.createDirectories(dir.resolve("missing"));
        refusedWith(profile("nowhere", "\"workingDirectory\": \"${PROFILE_DIR}/gone\","),
                "the working directory " + dir.resolve("gone") + " does not exist");
    }
}
