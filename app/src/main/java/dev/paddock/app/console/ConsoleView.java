package dev.paddock.app.console;

import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.util.UndoUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A read-only terminal console on RichTextFX. Once per pulse it takes, in one batch, the styled runs that the
 * {@link RunOutput} has parsed off the FX thread. The text area shows the last {@link #MAX_LINES} lines and takes at
 * most {@link #LINES_PER_PULSE} new ones a pulse; when a flood brings more, it shows the newest and one marker line
 * says how many it skipped, so frames stay smooth. Copy and Save use the run's scrollback (the last 100,000 lines).
 */
public final class ConsoleView extends StackPane {
    /**
     * Lines the text area keeps; older ones leave the area but stay in the scrollback (100,000 lines) for Copy and
     * Save. RichTextFX spends about a kilobyte of heap per line, so the area stays far smaller than the scrollback.
     */
    public static final int MAX_LINES = 5_000;
    /** Lines the text area takes per pulse; more make a flood, shown by its newest lines. */
    static final int LINES_PER_PULSE = 400;
    /** How often a flood redraws the area. */
    static final long FLOOD_FRAME_NANOS = 200_000_000L;

    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper(this, "received");
    private long skippedLines;
    private boolean flooding;
    private long lastFloodFrame;
    private final java.util.ArrayDeque<RunOutput.Counted> floodTail = new java.util.ArrayDeque<>();
    private long floodTailLines;
    private long drainNanos;
    private final AnimationTimer pump;
    private RunOutput output;
    private boolean followTail = true;

    public ConsoleView() {
        getStyleClass().add("console");
        area.setEditable(false);
        area.setWrapText(false);
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.getStyleClass().add("console-area");
        VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(area);
        getChildren().add(scroll);
        area.estimatedScrollYProperty().addListener((obs, old, now) -> {
            double bottom = area.getTotalHeightEstimate() - area.getViewportHeight();
            followTail = now >= bottom - 4;
        });
        pump = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drainOnce();
            }
        };
    }

    /** Shows this run's output from now on. */
    public void attach(RunOutput runOutput) {
        this.output = runOutput;
        pump.start();
    }

    /** Takes one pulse's worth of output; returns how many runs it took. */
    int drainOnce() {
        if (output == null) {
            return 0;
        }
        long began = System.nanoTime();
        RunOutput.Batch batch = output.drain();
        received.set(output.received());
        if (batch.isEmpty() && !flooding) {
            return 0;
        }
        boolean changed = true;
        if (flooding || batch.lines() > LINES_PER_PULSE) {
            changed = flood(batch, began);
        } else {
            show(batch.runs());
            trim();
        }
        if (changed && followTail) {
            area.showParagraphAtBottom(area.getParagraphs().size() - 1);
        }
        drainNanos += System.nanoTime() - began;
        return batch.runs().size();
    }

    /**
     * During a flood the area is redrawn a few times a second only, with one marker line and the newest lines; the
     * runs in between are counted and dropped from the view (the scrollback keeps them). The flood ends with the
     * first pulse that brings nothing.
     */
    private boolean flood(RunOutput.Batch batch, long now) {
        flooding = true;
        floodTail.addAll(batch.runs());
        batch.runs().forEach(counted -> floodTailLines += counted.lines());
        while (floodTail.size() > 1 && floodTailLines - floodTail.peekFirst().lines() >= LINES_PER_PULSE) {
            RunOutput.Counted dropped = floodTail.removeFirst();
            floodTailLines -= dropped.lines();
            skippedLines += dropped.lines();
        }
        boolean ended = batch.isEmpty();
        if (!ended && now - lastFloodFrame < FLOOD_FRAME_NANOS) {
            return false;
        }
        lastFloodFrame = now;
        skippedLines += area.getParagraphs().size() - 1;
        String marker = SKIPPED + String.format("%,d", skippedLines) + " earlier lines came too fast to show; "
                + "Copy and Save have the last " + String.format("%,d", Scrollback.MAX_LINES) + "]\n";
        area.replaceText(marker);
        area.setStyle(0, area.getLength(), List.of("paddock"));
        show(new ArrayList<>(floodTail));
        floodTail.clear();
        floodTailLines = 0;
        if (ended) {
            flooding = false;
        }
        return true;
    }

    /** Shows the runs; of more than {@link #LINES_PER_PULSE} lines, only the newest. */
    private void show(List<RunOutput.Counted> runs) {
        int firstRun = 0;
        int firstChar = 0;
        long lines = 0;
        search:
        for (int r = runs.size() - 1; r >= 0; r--) {
            String text = runs.get(r).run().text();
            for (int i = text.length() - 1; i >= 0; i--) {
                if (text.charAt(i) == '\n' && ++lines > LINES_PER_PULSE) {
                    firstRun = r;
                    firstChar = i + 1;
                    break search;
                }
            }
        }
        StringBuilder text = new StringBuilder();
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        for (int r = firstRun; r < runs.size(); r++) {
            AnsiParser.Run run = runs.get(r).run();
            String piece = r == firstRun ? run.text().substring(firstChar) : run.text();
            if (run.returnFirst() && !(r == firstRun && firstChar > 0)) {
                commit(text, spans);
                text.setLength(0);
                spans = new StyleSpansBuilder<>();
                clearCurrentLine();
            }
            if (!piece.isEmpty()) {
                text.append(piece);
                spans.add(run.styles(), piece.length());
            }
        }
        commit(text, spans);
    }

    private void commit(StringBuilder text, StyleSpansBuilder<Collection<String>> spans) {
        if (text.isEmpty()) {
            return;
        }
        int start = area.getLength();
        area.appendText(text.toString());
        area.setStyleSpans(start, spans.create());
    }

    private static final String SKIPPED = "[paddock] … ";

    private void clearCurrentLine() {
        int last = area.getParagraphs().size() - 1;
        int start = area.getAbsolutePosition(last, 0);
        if (start < area.getLength()) {
            area.deleteText(start, area.getLength());
        }
    }

    private void trim() {
        int excess = area.getParagraphs().size() - MAX_LINES;
        if (excess > 0) {
            area.deleteText(0, area.getAbsolutePosition(excess, 0));
        }
    }

    /** Appends one line from Paddock itself, in its own style. */
    public void note(String line) {
        int start = area.getLength();
        boolean lineOpen = area.getParagraph(area.getParagraphs().size() - 1).length() > 0;
        String text = (lineOpen ? "\n" : "") + line + "\n";
        area.appendText(text);
        area.setStyle(start, area.getLength(), List.of("paddock"));
        area.showParagraphAtBottom(area.getParagraphs().size() - 1);
    }

    public void clear() {
        area.clear();
        if (output != null) {
            output.clearHistory();
        }
        skippedLines = 0;
    }

    /** The last lines of output as plain text, for Copy and Save. */
    public String text() {
        return output == null ? area.getText() : output.text();
    }

    /** Lines the text area shows. */
    public int lineCount() {
        return area.getParagraphs().size();
    }

    /** Bytes of output shown so far. */
    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    /** Time spent taking output into the console so far, for benchmarks. */
    public long drainNanos() {
        return drainNanos;
    }

    public void stop() {
        pump.stop();
        drainOnce();
    }

    public StyleClassedTextArea area() {
        return area;
    }
}
