package dev.paddock.app.model;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.LintRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Warnings tab's model: the lint runs off the FX thread, fast edits make one lint, the newest one wins. */
class LintModelTest {
    @TempDir
    Path home;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(30, TimeUnit.SECONDS);
    }

    @Test
    void fastEditsAreCoalescedAndTheNewestProfileWins() throws Exception {
        Files.createDirectories(home.resolve("w"));
        LintModel lint = new LintModel(LandlockSupport.detect(), Map.of("HOME", home.toString()),
                FXCollections.observableArrayList());
        onFx(() -> {
            for (int i = 0; i < 40; i++) {
                lint.update(new Profile("p" + i, "", "", Policy.builder().readWrite("/tmp").build()), null);
            }
            lint.update(new Profile("last", "", "", Policy.builder().readWrite("${HOME}").build()), null);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> !lint.checkingProperty().get()));
        List<Finding> findings = onFx(() -> List.copyOf(lint.findings()));
        assertTrue(findings.stream().anyMatch(f -> f.rule() == LintRule.HOME_WRITABLE), findings.toString());
        assertTrue(lint.lintsRun() < 5, "41 edits made " + lint.lintsRun() + " lints");
        assertEquals(findings.stream().filter(f -> !f.isAccepted()).count(), (long) onFx(() -> lint.openProperty()
                .get()));
    }

    @Test
    void anInvalidProfileSaysWhyAndClearsTheFindings() throws Exception {
        LintModel lint = new LintModel(LandlockSupport.detect(), Map.of("HOME", home.toString()),
                FXCollections.observableArrayList());
        onFx(() -> {
            lint.update(null, null);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> !lint.checkingProperty().get()));
        assertTrue(onFx(() -> lint.problemProperty().get()).contains("not valid"));
        assertEquals(0, (int) onFx(() -> lint.openProperty().get()));
    }
}
