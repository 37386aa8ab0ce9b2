package dev.paddock.app.model;

import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;

import static dev.paddock.app.model.Fx.onFx;
import static dev.paddock.app.model.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run lasts while any process it started lives: a first process that leaves a daemon behind keeps the run going,
 * and Stop ends the daemon too, even one that tried to leave the run's session.
 */
class RunSessionTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aDaemonLeftBehindKeepsTheRunGoingUntilStopEndsIt(@TempDir Path dir) throws Exception {
        Policy policy = Policy.builder().readExec("/usr").command("/usr/bin/python3", "-S", "-I", "-c",
                "import os, signal, time\n"
                        + "if os.fork() == 0:\n"
                        + "    signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
                        + "    try: os.setsid()\n"
                        + "    except OSError: pass\n"
                        + "    if os.fork() == 0: time.sleep(300)\n"
                        + "    os._exit(0)\n"
                        + "time.sleep(0.3)\n").build();
        RunSession session = onFx(() -> RunSession.start(new Profile("daemon", "", "", policy),
                dir.resolve("p.json"), true, 80, 24, false));
        assertTrue(waitFor(() -> onFx(() -> session.statusProperty().get().startsWith("background: 1 process"))),
                "status: " + onFx(() -> session.statusProperty().get()));
        assertEquals(RunSession.State.RUNNING, onFx(() -> session.stateProperty().get()));
        onFx(() -> {
            session.stop();
            return null;
        });
        assertTrue(waitFor(() -> onFx(() -> session.stateProperty().get() == RunSession.State.EXITED)),
                "status: " + onFx(() -> session.statusProperty().get()));
    }
}
