package dev.paddock.app.console;

import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.util.UndoUtils;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only terminal console on RichTextFX. Output is drained from an {@link OutputQueue} once per pulse, in one
 * batch with a byte budget, so floods stay smooth; scrollback is bounded to {@link #MAX_LINES} lines.
 */
public final class ConsoleView extends StackPane {
    /** Lines kept; older ones are dropped. */
    public static final int MAX_LINES = 100_000;
    /** Bytes taken from the queue per pulse. */
    static final int BYTES_PER_PULSE = 4 << 20;

    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final Map<OutputQueue.Source, CharsetDecoder> decoders = new EnumMap<>(OutputQueue.Source.class);
    private final Map<OutputQueue.Source, AnsiParser> parsers = new EnumMap<>(OutputQueue.Source.class);
    private final Map<OutputQueue.Source, byte[]> leftovers = new EnumMap<>(OutputQueue.Source.class);
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper(this, "received");
    private final AnimationTimer pump;
    private OutputQueue queue;
    private boolean followTail = true;

    public ConsoleView() {
        getStyleClass().add("console");
        area.setEditable(false);
        area.setWrapText(false);
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.getStyleClass().add("console-area");
        for (OutputQueue.Source source : OutputQueue.Source.values()) {
            decoders.put(source, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
            parsers.put(source, new AnsiParser(source.name().toLowerCase(java.util.Locale.ROOT)));
        }
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

    /** Shows the output of this queue from now on. */
    public void attach(OutputQueue output) {
        this.queue = output;
        pump.start();
    }

    /** Takes one pulse's worth of output; returns how many bytes it appended. */
    int drainOnce() {
        if (queue == null) {
            return 0;
        }
        List<OutputQueue.Chunk> chunks = queue.drain(BYTES_PER_PULSE);
        if (chunks.isEmpty()) {
            return 0;
        }
        int bytes = 0;
        StringBuilder text = new StringBuilder();
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        for (OutputQueue.Chunk chunk : chunks) {
            bytes += chunk.bytes().length;
            CharBuffer chars = decode(chunk);
            for (AnsiParser.Run run : parsers.get(chunk.source()).parse(chars)) {
                if (run.returnFirst()) {
                    commit(text, spans);
                    text.setLength(0);
                    spans = new StyleSpansBuilder<>();
                    clearCurrentLine();
                }
                text.append(run.text());
                spans.add(run.styles(), run.text().length());
            }
        }
        commit(text, spans);
        trim();
        received.set(received.get() + bytes);
        if (followTail) {
            area.showParagraphAtBottom(area.getParagraphs().size() - 1);
        }
        return bytes;
    }

    /** Decodes UTF-8, keeping a sequence cut in two by the chunk boundary for the next chunk. */
    private CharBuffer decode(OutputQueue.Chunk chunk) {
        byte[] leftover = leftovers.getOrDefault(chunk.source(), new byte[0]);
        ByteBuffer in = ByteBuffer.allocate(leftover.length + chunk.bytes().length).put(leftover).put(chunk.bytes());
        in.flip();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        decoders.get(chunk.source()).decode(in, chars, false);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        leftovers.put(chunk.source(), rest);
        return chars.flip();
    }

    private void commit(StringBuilder text, StyleSpansBuilder<Collection<String>> spans) {
        if (text.isEmpty()) {
            return;
        }
        String appended = text.toString();
        StyleSpans<Collection<String>> styles = spans.create();
        int cut = startOfLastLines(appended, MAX_LINES);
        if (cut > 0) {
            // a flood: everything before the last MAX_LINES lines would be trimmed at once, so skip it
            area.clear();
            appended = appended.substring(cut);
            styles = styles.subView(cut, styles.length());
        }
        int start = area.getLength();
        area.appendText(appended);
        area.setStyleSpans(start, styles);
    }

    /** Where the last {@code lines} lines of the text begin, or 0 when it has no more lines than that. */
    static int startOfLastLines(String text, int lines) {
        int seen = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            if (text.charAt(i) == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return 0;
    }

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
    }

    public String text() {
        return area.getText();
    }

    public int lineCount() {
        return area.getParagraphs().size();
    }

    /** Bytes of output shown so far. */
    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    public void stop() {
        pump.stop();
        drainOnce();
    }

    public StyleClassedTextArea area() {
        return area;
    }
}
