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
import java.util.List;
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
    void aFullQueueDropsTheOldestRunsFromTheDisplayButNotFromTheScrollback() {
        RunOutput small = new RunOutput();
        byte[] block = new byte[RunOutput.CAPACITY / 2];
        java.util.Arrays.fill(block, (byte) 'x');
        block[block.length - 1] = '\n';
        for (int i = 0; i < 5; i++) {
            assertTrue(small.put(RunOutput.Source.STDOUT, block), "a reader never waits for the console");
        }
        RunOutput.Batch batch = small.drain();
        assertEquals(2, batch.runs().size(), "what fits in the capacity waits to be shown");
        assertEquals(3, batch.skipped(), "the lines of the dropped runs are counted");
        assertEquals(5 * block.length, small.text().length(), "the scrollback has all of it");
        assertTrue(small.drain().isEmpty());
    }

    @Test
    void aFloodIsPreviewedThenTheAreaAddsAMarkerAndTheNewestLines() throws Exception {
        onFx(() -> {
            console.attach(queue, false);
            return null;
        });
        put("before the flood\n");
        onFx(console::drainOnce);
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            flood.append("line ").append(i).append('\n');
        }
        put(flood.toString());
        onFx(console::drainOnce);
        assertTrue(onFx(() -> console.previewText().endsWith("line 2999\n")), "the preview shows the newest lines");
        String preview = onFx(console::previewText);
        String marker = preview.lines().findFirst().orElseThrow();
        long hidden = Long.parseLong(marker.replaceAll("^\\[paddock\\] \\.\\.\\. ([0-9,]+) earlier lines came too fast.*$", "$1")
                .replace(",", ""));
        long shownLines = preview.lines().count() - 1;
        assertEquals(3_000, hidden + shownLines, marker);
        assertTrue(shownLines > 5 && shownLines < 60, "the preview fills the console's height: " + shownLines);
        onFx(console::drainOnce); // nothing more: the flood is over
        assertEquals("", onFx(console::previewText));
        String shown = onFx(() -> console.area().getText());
        assertTrue(shown.startsWith("before the flood\n[paddock] ... 2,600 earlier lines came too fast to show"),
                shown.lines().limit(2).toList().toString());
        assertTrue(shown.endsWith("line 2600\nline 2999\n".substring(10)), shown.substring(shown.length() - 30));
        assertEquals(ConsoleView.LINES_PER_PULSE + 3, onFx(console::lineCount),
                "the earlier line, the marker, the newest lines, and the empty last one");
        assertTrue(onFx(console::text).startsWith("before the flood\nline 0\n"), "Copy and Save have every line");
    }

    @Test
    void newestLinesAreCutToThePreviewsWidth() {
        RunOutput.Counted run = new RunOutput.Counted(new AnsiParser.Run("a\n" + "b".repeat(1000) + "\nc\n",
                List.of("stdout"), false), 3);
        assertEquals("b".repeat(ConsoleView.PREVIEW_COLUMNS) + "\nc\n", ConsoleView.newestLines(List.of(run), 2));
    }
}
