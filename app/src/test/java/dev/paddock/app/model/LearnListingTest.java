package dev.paddock.app.model;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.profile.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wizard learns what {@code paddock learn} learns for a listing: {@code ls FOLDER} is proposed as {@code --list
 * FOLDER} (read_dir alone), tight and as folders, and goes into the editor as a rule of that right alone.
 */
class LearnListingTest {
    @TempDir
    Path root;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aListingIsProposedAsListAndReachesTheEditorAsReadDir() throws Exception {
        Path folder = Files.createDirectories(root.resolve("folder"));
        Files.writeString(folder.resolve("secret"), "not for reading");
        EditorModel editor = Fx.onFx(() -> {
            EditorModel model = new EditorModel();
            model.load(new Profile("ls", "", "", Policy.builder().readExec("/usr").readOnly("/etc")
                    .command("/usr/bin/ls", folder.toString()).workingDirectory(root.toString()).build()), null);
            return model;
        });
        LearnModel model = Fx.onFx(() -> new LearnModel(editor));
        Fx.run(model::start);
        await(model, LearnModel.State.CHOOSING);
        List<String> folders = Fx.onFx(() -> flags(model));
        assertTrue(folders.contains("--list " + folder) && !folders.contains("--ro " + folder), "as folders: "
                + folders);
        Fx.run(() -> model.foldersProperty().set(false));
        List<String> tight = Fx.onFx(() -> flags(model));
        assertTrue(tight.contains("--list " + folder) && !tight.contains("--ro " + folder), "tight: " + tight);
        while (Fx.onFx(() -> model.stateProperty().get()) == LearnModel.State.CHOOSING) {
            Fx.run(model::next);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Fx.onFx(() -> model.stateProperty().get()) == LearnModel.State.RUNNING
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertEquals(LearnModel.State.FINISHED, Fx.onFx(() -> model.stateProperty().get()));
        assertTrue(Fx.onFx(model::use));
        PathRow row = Fx.onFx(() -> editor.paths().stream().filter(r -> r.pathProperty().get()
                .equals(folder.toString())).findFirst().orElseThrow());
        assertEquals(RightSet.of(FsAccess.READ_DIR), Fx.onFx(() -> row.accessProperty().get()));
    }

    private static List<String> flags(LearnModel model) {
        return model.proposed().stream().map(c -> c.rule().flag()).toList();
    }

    private static void await(LearnModel model, LearnModel.State state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Fx.onFx(() -> model.stateProperty().get()) != state && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(state, Fx.onFx(() -> model.stateProperty().get()), Fx.onFx(() -> model.statusProperty().get()));
    }
}
