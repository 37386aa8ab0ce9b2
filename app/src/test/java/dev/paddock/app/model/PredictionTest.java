package dev.paddock.app.model;

import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prediction's headline is in proportion to the gaps, and the socket gap says what it means. */
class PredictionTest {
    private static final Policy POLICY = Policy.builder().readExec("/usr").bindTcp(8000)
            .command(List.of("/usr/bin/true")).build();

    @TempDir
    Path runtime;

    @Test
    void theOneGapOfEveryKernelBefore71IsNotAPartialEnforcement() throws Exception {
        Files.createFile(runtime.resolve("bus"));
        Prediction prediction = Prediction.of(PolicyCompiler.compile(POLICY, 7),
                Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        assertEquals(Prediction.Level.NEWER_KERNEL_GAPS, prediction.level());
        assertEquals("Enforced, with 2 gaps", prediction.headline());
        assertEquals(2, prediction.gaps().size(), prediction.gaps().toString());
        assertTrue(prediction.gaps().get(1).startsWith("UDP is not restricted: needs ABI 10"), prediction.gaps().get(1));
        String gap = prediction.gaps().get(0);
        assertTrue(gap.startsWith("Connecting to pathname UNIX sockets is not restricted: needs ABI 9"), gap);
        assertTrue(gap.contains("For this profile: the program can connect to any socket it can name"), gap);
        assertTrue(gap.contains("On this machine that includes the D-Bus session bus (" + runtime.resolve("bus")
                + ")"), gap);
        assertTrue(prediction.blindSpots().stream().noneMatch(spot -> spot.startsWith(Prediction.UNIX_BLIND_SPOT)),
                "the socket gap is said once, as a gap");
        assertEquals(List.of("Files: only what its path rule allows; the rest of the disk is denied.",
                "TCP: binding to port 8000 only, connecting to no port; every other port is denied.",
                "Signals and abstract UNIX sockets: cut off from processes outside the sandbox."),
                prediction.enforced());
    }

    @Test
    void otherGapsStayPartialAndNoGapIsFull() throws Exception {
        Prediction older = Prediction.of(PolicyCompiler.compile(POLICY, 5), Map.of());
        assertEquals(Prediction.Level.PARTIAL, older.level());
        assertEquals("Partially enforced", older.headline());
        assertTrue(older.gaps().size() > 1, older.gaps().toString());

        Prediction oneGap = Prediction.of(PolicyCompiler.compile(POLICY, 9), Map.of());
        assertEquals(Prediction.Level.NEWER_KERNEL_GAPS, oneGap.level());
        assertEquals("Enforced, with one gap", oneGap.headline());

        CompiledPolicy newest = PolicyCompiler.compile(POLICY, 11);
        Prediction full = Prediction.of(newest, Map.of());
        assertEquals(Prediction.Level.FULL, full.level());
        assertEquals(List.of(), full.gaps());
        assertFalse(full.blindSpots().isEmpty(), "what Landlock cannot restrict is still said");
    }

    @Test
    void areasLeftOpenOnPurposeAreSaidAsSuch() throws Exception {
        Policy open = Policy.builder().unrestrictedFilesystem(true).unrestrictedNetwork(true)
                .command(List.of("/usr/bin/true")).build();
        Prediction prediction = Prediction.of(PolicyCompiler.compile(open, 7), Map.of());
        assertEquals(List.of("Files: not restricted, as the profile asks (Unrestricted filesystem).",
                "TCP: not restricted, as the profile asks (Unrestricted network).",
                "Signals and abstract UNIX sockets: cut off from processes outside the sandbox."),
                prediction.enforced());
        assertEquals(Prediction.Level.FULL, prediction.level(), "no gap: the socket right belongs to the files");
    }
}
