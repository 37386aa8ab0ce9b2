package dev.paddock.app.console;

import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.util.UndoUtils;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A read-only terminal console on RichTextFX. Once per pulse it takes, in one batch, the styled runs that the
 * {@link RunOutput} has parsed off the FX thread. The text area shows the last {@link #MAX_LINES} lines and takes up
 * to {@link #LINES_PER_PULSE} new ones a pulse. A flood (more than that in one pulse) is shown by a plain-text
 * preview of its newest lines over the area, redrawn ten times a second: one text node, where RichTextFX would make
 * and style a node tree for every line it shows. When the flood is over, the area adds a marker line saying how many
 * lines it skipped, and the newest ones. Copy and Save use the run's scrollback (the last 100,000 lines).
 */
public final class ConsoleView extends StackPane {
    /**
     * Lines the text area keeps; older ones leave the area but stay in the scrollback (100,000 lines) for Copy and
     * Save. RichTextFX spends about a kilobyte of heap per line, so the area stays far smaller than the scrollback.
     */
    public static final int MAX_LINES = 5_000;
    /** Lines the text area takes per pulse; more make a flood, shown by its newest lines. */
    static final int LINES_PER_PULSE = 400;
    /** How often the flood preview is redrawn. */
    static final long FLOOD_FRAME_NANOS = 100_000_000L;
    /** Characters of a line that the preview shows. */
    static final int PREVIEW_COLUMNS = 400;

    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final VirtualizedScrollPane<StyleClassedTextArea> scroll;
    private final Text preview = new Text();
    /** The height of a line in the preview's font, measured when first needed and again when the font changes. */
    private double previewLineHeight;
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper(this, "received");
    private long skippedLines;
    private boolean flooding;
    private long lastFloodFrame;
    private final ArrayDeque<RunOutput.Counted> floodTail = new ArrayDeque<>();
    private long floodTailLines;
    private long drainNanos;
    private final AnimationTimer pump;
    private final LineMarks marks;
    private RunOutput output;
    private boolean followTail = true;

    public ConsoleView() {
        getStyleClass().add("console");
        area.setEditable(false);
        // long lines wrap at the console's width, as in a terminal: the start-up line and an exec denial's hint ran
        // past the edge and were read cut off
        area.setWrapText(true);
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.getStyleClass().add("console-area");
        scroll = new VirtualizedScrollPane<>(area);
        preview.getStyleClass().add("console-flood");
        preview.setVisible(false);
        setAlignment(preview, Pos.TOP_LEFT);
        preview.fontProperty().addListener((obs, old, now) -> previewLineHeight = 0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        getChildren().addAll(scroll, preview);
        marks = new LineMarks(area);
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
        attach(runOutput, true);
    }

    /** With {@code pump} false, output is taken only when {@link #drainOnce} is called (for tests). */
    void attach(RunOutput runOutput, boolean pump) {
        this.output = runOutput;
        if (pump) {
            this.pump.start();
        }
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
        if (flooding || batch.lines() > floodThreshold() || batch.skipped() > 0) {
            changed = flood(batch, began);
        } else {
            show(batch.runs());
            trim();
        }
        marks.scan();
        if (changed && followTail) {
            area.showParagraphAtBottom(area.getParagraphs().size() - 1);
        }
        drainNanos += System.nanoTime() - began;
        return batch.runs().size();
    }

    /**
     * During a flood the preview shows the newest lines ten times a second; the runs in between are counted and not
     * shown (the scrollback keeps them). The flood ends with the first pulse that brings nothing: then the area, which
     * kept what it showed before, adds a marker line and the newest {@link #LINES_PER_PULSE} lines. Returns whether
     * the area changed.
     */
    private boolean flood(RunOutput.Batch batch, long now) {
        if (!flooding) {
            flooding = true;
            scroll.setVisible(false);
            preview.setVisible(true);
        }
        skippedLines += batch.skipped();
        floodTail.addAll(batch.runs());
        batch.runs().forEach(counted -> floodTailLines += counted.lines());
        while (floodTail.size() > 1 && floodTailLines - floodTail.peekFirst().lines() >= LINES_PER_PULSE) {
            RunOutput.Counted dropped = floodTail.removeFirst();
            floodTailLines -= dropped.lines();
            skippedLines += dropped.lines();
        }
        if (!batch.isEmpty()) {
            if (now - lastFloodFrame >= FLOOD_FRAME_NANOS) {
                lastFloodFrame = now;
                int rows = previewRows();
                preview.setText(marker(skippedLines + Math.max(0, floodTailLines - rows))
                        + newestLines(new ArrayList<>(floodTail), rows));
            }
            return false;
        }
        flooding = false;
        preview.setVisible(false);
        preview.setText("");
        scroll.setVisible(true);
        skippedLines += Math.max(0, floodTailLines - LINES_PER_PULSE);
        note(marker(skippedLines).strip());
        show(new ArrayList<>(floodTail));
        trim();
        marks.scan();
        floodTail.clear();
        floodTailLines = 0;
        skippedLines = 0;
        return true;
    }

    /**
     * More new lines in one pulse than the console shows at once are a flood: nobody reads them as they pass, and
     * RichTextFX makes and styles a node tree for every line it shows, which on a cold JVM, with the writer and the
     * reader busy, can hold a pulse for most of a second.
     */
    private int floodThreshold() {
        return getHeight() > 0 ? Math.min(LINES_PER_PULSE, previewRows() + 1) : LINES_PER_PULSE;
    }

    /** The lines that fit under the marker line in the console's height. */
    private int previewRows() {
        if (previewLineHeight <= 0) {
            Text probe = new Text("Xg");
            probe.setFont(preview.getFont());
            previewLineHeight = Math.max(1, probe.getLayoutBounds().getHeight());
        }
        return Math.max(1, (int) (getHeight() / previewLineHeight) - 1);
    }

    private static String marker(long hidden) {
        return SKIPPED + String.format("%,d", hidden) + " earlier lines came too fast to show; "
                + "Copy and Save have the last " + String.format("%,d", Scrollback.MAX_LINES) + "]\n";
    }

    /** The last lines of the runs as plain text, each cut to {@link #PREVIEW_COLUMNS} characters. */
    static String newestLines(List<RunOutput.Counted> runs, int count) {
        int[] start = startOfNewestLines(runs, count);
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (int r = start[0]; r < runs.size(); r++) {
            String text = runs.get(r).run().text();
            for (int i = r == start[0] ? start[1] : 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    column = 0;
                    out.append(c);
                } else if (column++ < PREVIEW_COLUMNS) {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /**
     * Where the newest {@code count} lines of the runs begin, as {run, character}; an unfinished last line counts as
     * one, the newline that ends the text does not.
     */
    private static int[] startOfNewestLines(List<RunOutput.Counted> runs, int count) {
        int lines = 0;
        for (int r = runs.size() - 1; r >= 0; r--) {
            String text = runs.get(r).run().text();
            int end = r == runs.size() - 1 && text.endsWith("\n") ? text.length() - 1 : text.length();
            for (int i = end - 1; i >= 0; i--) {
                if (text.charAt(i) == '\n' && ++lines >= count) {
                    return new int[] {r, i + 1};
                }
            }
        }
        return new int[] {0, 0};
    }

    /** Shows the runs; of more than {@link #LINES_PER_PULSE} lines, only the newest. */
    private void show(List<RunOutput.Counted> runs) {
        int[] start = startOfNewestLines(runs, LINES_PER_PULSE);
        int firstRun = start[0];
        int firstChar = start[1];
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

    /** Plain ASCII: a character outside Latin-1 sends the preview through bidirectional and fallback-font layout. */
    private static final String SKIPPED = "[paddock] ... ";

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
            marks.removed(excess);
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
        marks.clear();
        preview.setText("");
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
        if (flooding) {
            drainOnce(); // nothing more comes: this ends the flood and shows its last lines in the area
        }
    }

    /** What the flood preview shows; empty when there is no flood. */
    String previewText() {
        return preview.getText();
    }

    /**
     * Marks the output lines that {@code marker} can tie to a cause (a denial), from the next line shown on: each
     * gets the style "marked-line", a tooltip, and a click that opens what it is tied to.
     */
    public void markLines(LineMarks.Marker marker) {
        marks.marker(marker);
    }

    /** The lines marked so far, and what they are tied to. */
    public LineMarks marks() {
        return marks;
    }

    public StyleClassedTextArea area() {
        return area;
    }
}
