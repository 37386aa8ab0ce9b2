package dev.paddock.app.console;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console under Monocle: bounded scrollback, progress lines, UTF-8 split across chunks. */
@ExtendWith(ApplicationExtension.class)
class ConsoleViewTest {
    private ConsoleView console;
    private final RunOutput queue = new RunOutput();

    @Start
    void start(Stage stage) {
        console = new ConsoleView();
        stage.setScene(new Scene(console, 800, 400));
        stage.show();
    }

    private void put(String text) throws Exception {
        queue.put(RunOutput.Source.STDOUT, text.getBytes(StandardCharsets.UTF_8));
    }

    private <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private void drainAll() throws Exception {
        onFx(() -> {
            while (console.drainOnce() > 0) {
                // keep going until the queue is empty
            }
            return null;
        });
    }

    @Test
    void scrollbackIsBoundedAndKeepsTheNewestLines() throws Exception {
        onFx(() -> {
            console.attach(queue);
            return null;
        });
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 250_000; i++) {
            batch.append("line ").append(i).append('\n');
            if (batch.length() > 1 << 20) {
                put(batch.toString());
                batch.setLength(0);
            }
        }
        put(batch.toString());
        drainAll();
        int lines = onFx(console::lineCount);
        assertTrue(lines <= ConsoleView.MAX_LINES + 1, lines + " lines");
        String text = onFx(console::text);
        assertTrue(text.endsWith("line 249999\n"), text.substring(text.length() - 40));
        assertTrue(!text.contains("line 100000\n"), "old lines are gone");
    }

    @Test
    void progressLinesAreRedrawnInPlace() throws Exception {
        onFx(() -> {
            console.attach(queue);
            return null;
        });
        put("start\r\n");
        for (int p = 0; p <= 100; p += 10) {
            put("\r" + p + "%");
        }
        put("\r\ndone\r\n");
        drainAll();
        assertEquals("start\n100%\ndone\n", onFx(console::text));
    }

    @Test
    void progressInOneChunkIsRedrawnToo() throws Exception {
        onFx(() -> {
            console.attach(queue);
            return null;
        });
        put("10%\r50%\r100%\r\ndone\r\n");
        drainAll();
        assertEquals("100%\ndone\n", onFx(console::text));
    }

    @Test
    void utf8CutBetweenChunksIsDecodedWhole() throws Exception {
        onFx(() -> {
            console.attach(queue);
            return null;
        });
        byte[] bytes = "héllo wörld ✓\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            queue.put(RunOutput.Source.STDOUT, Arrays.copyOfRange(bytes, i, i + 1));
        }
        drainAll();
        assertEquals("héllo wörld ✓\n", onFx(console::text));
    }

    @Test
    void aFullQueueMakesTheWriterWait(FxRobot robot) throws Exception {
        RunOutput small = new RunOutput();
        byte[] block = new byte[RunOutput.CAPACITY];
        java.util.Arrays.fill(block, (byte) (char) 0x78);
        small.put(RunOutput.Source.STDOUT, block);
        small.put(RunOutput.Source.STDOUT, "x".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return small.put(RunOutput.Source.STDOUT, new byte[1]);
            } catch (InterruptedException e) {
                return false;
            }
        });
        Thread.sleep(200);
        assertTrue(!blocked.isDone(), "the writer waits while the queue is over capacity");
        small.drain();
        assertTrue(blocked.get(10, TimeUnit.SECONDS));
    }
}
