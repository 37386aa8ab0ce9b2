package dev.paddock.app.model;

import dev.paddock.core.interop.Export;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.EnforcementReport;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.paddock.app.model.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The insight of the profile in the editor: computed at once off the FX thread; on it, computed on the insight's
 * own thread and published back, with fast edits coalesced to the latest and overtaken results dropped.
 */
class InsightModelTest {
    private static final KernelModel KERNEL = new KernelModel(LandlockSupport.detect());
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static Profile echo(String word) {
        return new Profile("echo", "", "", Policy.builder().readExec("/usr").command("/usr/bin/echo", word)
                .addExec(true).build());
    }

    @Test
    void offTheFxThreadAnUpdateIsComputedAtOnce() {
        InsightModel insight = new InsightModel(KERNEL, List.of("paddock"));
        insight.update(echo("hello"), null);

        assertTrue(insight.settledProperty().get());
        assertNotNull(insight.prediction().predictionProperty().get(), insight.prediction().problemProperty().get());
        assertEquals("", insight.prediction().problemProperty().get());
        assertTrue(insight.prediction().syscallsProperty().get().contains("landlock_create_ruleset"),
                insight.prediction().syscallsProperty().get());
        assertTrue(insight.prediction().addedRulesProperty().get().startsWith("add-exec and ldd add "),
                insight.prediction().addedRulesProperty().get());
        assertTrue(insight.prediction().addedRulesProperty().get().contains("/usr/bin/echo (rox)"),
                insight.prediction().addedRulesProperty().get());
        Export landrun = insight.exports().exportProperty(ExportsModel.Format.LANDRUN).get();
        assertTrue(landrun.text().contains("/usr/bin/echo hello"), landrun.text());
        for (ExportsModel.Format format : ExportsModel.Format.values()) {
            assertNotNull(insight.exports().exportProperty(format).get(), format.label());
        }
    }

    @Test
    void anInvalidProfileKeepsTheExportsAndAFileThatCannotBeOpenedClearsEverything() {
        InsightModel insight = new InsightModel(KERNEL, List.of("paddock"));
        insight.update(echo("hello"), null);
        Export before = insight.exports().exportProperty(ExportsModel.Format.LANDRUN).get();

        insight.update(null, null);
        assertNull(insight.prediction().predictionProperty().get());
        assertNull(insight.prediction().reportProperty().get());
        assertEquals("", insight.prediction().syscallsProperty().get());
        assertEquals("the profile is not valid; the red line above its sections says why",
                insight.prediction().problemProperty().get());
        assertEquals(before, insight.exports().exportProperty(ExportsModel.Format.LANDRUN).get());

        insight.cannotOpen("line 3, column 4: not JSON");
        assertEquals("the file cannot be opened: line 3, column 4: not JSON",
                insight.prediction().problemProperty().get());
        for (ExportsModel.Format format : ExportsModel.Format.values()) {
            assertNull(insight.exports().exportProperty(format).get(), format.label());
        }
    }

    @Test
    void aProgramThatCannotBeFoundIsTheProblemNotAnError() {
        InsightModel insight = new InsightModel(KERNEL, List.of("paddock"));
        insight.update(new Profile("missing", "", "", Policy.builder().readExec("/usr")
                .command("no-such-program-here").build()), null);
        assertNull(insight.prediction().predictionProperty().get());
        assertTrue(insight.prediction().problemProperty().get().contains("no-such-program-here"),
                insight.prediction().problemProperty().get());
        assertNotNull(insight.exports().exportProperty(ExportsModel.Format.LANDRUN).get(),
                "the exports need no launch");
    }

    @Test
    void onTheFxThreadAnEditReturnsAtOnceAndItsInsightArrivesFromTheInsightThread() throws Exception {
        InsightModel insight = new InsightModel(KERNEL, List.of("paddock"));
        List<String> threads = new ArrayList<>();
        boolean settledRightAfter = onFx(() -> {
            insight.prediction().syscallsProperty().addListener((obs, old, now) ->
                    threads.add(Thread.currentThread().getName()));
            insight.update(echo("later"), null);
            return insight.settledProperty().get() || !insight.prediction().syscallsProperty().get().isEmpty();
        });
        assertFalse(settledRightAfter, "the FX thread did not compute the insight itself");
        assertTrue(insight.awaitSettled(SETTLE));
        assertTrue(onFx(() -> insight.settledProperty().get()));
        assertTrue(onFx(() -> insight.exports().exportProperty(ExportsModel.Format.LANDRUN).get().text())
                .contains("/usr/bin/echo later"));
        assertEquals(List.of("JavaFX Application Thread"), onFx(() -> List.copyOf(threads)),
                "published on the FX thread, once");
    }

    @Test
    void fastEditsCoalesceToTheLatestAndOvertakenResultsAreDropped() throws Exception {
        InsightModel insight = new InsightModel(KERNEL, List.of("paddock"));
        List<String> shown = new ArrayList<>();
        onFx(() -> {
            insight.exports().exportProperty(ExportsModel.Format.LANDRUN).addListener((obs, old, now) ->
                    shown.add(now.text()));
            for (int edit = 1; edit <= 30; edit++) {
                insight.update(echo("edit" + edit), null);
            }
            return null;
        });
        assertTrue(insight.awaitSettled(SETTLE));
        List<String> seen = onFx(() -> List.copyOf(shown));
        assertEquals(1, seen.size(), "only the latest edit is shown: " + seen);
        assertTrue(seen.get(0).contains("/usr/bin/echo edit30"), seen.get(0));
    }

    @Test
    void theReportForARunIsTheLatestEditsEvenBeforeItsInsightIsShown() throws Exception {
        InsightModel insight = new InsightModel(KERNEL, List.of("paddock"));
        Profile unrestricted = new Profile("open", "", "", Policy.builder().unrestrictedFilesystem(true)
                .unrestrictedNetwork(true).command("/usr/bin/true").build());
        EnforcementReport expected = PredictionModel.compute(unrestricted, null, KERNEL.support()).report();
        assertFalse(expected.equals(PredictionModel.compute(echo("first"), null, KERNEL.support()).report()),
                "the two edits have different reports");
        EnforcementReport now = onFx(() -> {
            insight.update(echo("first"), null);
            insight.update(unrestricted, null);
            return insight.reportNow();
        });
        assertEquals(expected, now);
        assertTrue(insight.awaitSettled(SETTLE));
        assertEquals(expected, onFx(() -> insight.prediction().reportProperty().get()));
    }
}
