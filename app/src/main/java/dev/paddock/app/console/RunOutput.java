package dev.paddock.app.console;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The output of one run. Reader threads hand in bytes; they are decoded, parsed for terminal colours and kept in
 * the {@link Scrollback} right there, off the FX thread, and the styled runs wait for the console to show them.
 * Readers never wait for the console, as a terminal reads whatever the child writes: when more than
 * {@link #CAPACITY} characters wait, the oldest waiting runs are dropped from the display and counted (the
 * scrollback keeps them), so a flood costs neither the child's speed nor unbounded memory.
 */
public final class RunOutput {
    /** Characters that may wait for the console; beyond them the oldest waiting runs are not shown. */
    public static final int CAPACITY = 4 << 20;

    /** Where output came from, which decides its style. */
    public enum Source { STDOUT, STDERR, PADDOCK }

    private final Map<Source, CharsetDecoder> decoders = new EnumMap<>(Source.class);
    private final Map<Source, AnsiParser> parsers = new EnumMap<>(Source.class);
    private final Map<Source, byte[]> leftovers = new EnumMap<>(Source.class);
    private final Scrollback scrollback = new Scrollback();
    /** A run and the newlines in it, counted on the reader thread so the FX thread need not. */
    public record Counted(AnsiParser.Run run, int lines) {
    }

    /**
     * What waited for the console: the runs, the newlines in all of them, and the lines of the runs that came before
     * them but were dropped from the display because the console was too far behind.
     */
    public record Batch(List<Counted> runs, long lines, long skipped) {
        public boolean isEmpty() {
            return runs.isEmpty() && skipped == 0;
        }
    }

    private final ArrayDeque<Counted> waiting = new ArrayDeque<>();
    private long waitingLines;
    private long waitingChars;
    private long skippedLines;
    private long received;
    private boolean closed;

    public RunOutput() {
        for (Source source : Source.values()) {
            decoders.put(source, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
            parsers.put(source, new AnsiParser(source.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** Takes bytes from a reader thread; false once closed. */
    public boolean put(Source source, byte[] bytes) {
        return put(source, bytes, bytes.length);
    }

    /** Takes the first {@code length} bytes of the buffer, which the caller may reuse afterwards; false once closed. */
    public synchronized boolean put(Source source, byte[] buffer, int length) {
        if (closed) {
            return false;
        }
        received += length;
        AnsiParser parser = parsers.get(source);
        int lines = plainAsciiLines(buffer, length);
        if (lines >= 0 && parser.inText() && !leftovers.containsKey(source)) {
            // a flood's common case, in one scan: ASCII without escapes or carriage returns is its own Latin-1 text
            add(parser.plainRun(new String(buffer, 0, length, StandardCharsets.ISO_8859_1)), lines);
            return true;
        }
        for (AnsiParser.Run run : parser.parse(decode(source, Arrays.copyOf(buffer, length)))) {
            add(run, newlines(run.text()));
        }
        return true;
    }

    private void add(AnsiParser.Run run, int lines) {
        if (run == null) {
            return;
        }
        scrollback.add(run.text(), run.returnFirst(), lines);
        waiting.add(new Counted(run, lines));
        waitingChars += run.text().length();
        waitingLines += lines;
        while (waitingChars > CAPACITY && waiting.size() > 1) {
            Counted dropped = waiting.removeFirst();
            waitingChars -= dropped.run().text().length();
            waitingLines -= dropped.lines();
            skippedLines += dropped.lines();
        }
    }

    /**
     * The newlines in the bytes if they are all printable ASCII, newlines and tabs (no escape sequence, no carriage
     * return, nothing to decode); -1 otherwise.
     */
    static int plainAsciiLines(byte[] buffer, int length) {
        int lines = 0;
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b < 0x20) {
                if (b == '\n') {
                    lines++;
                } else if (b != '\t') {
                    return -1;
                }
            } else if (b == 0x7f) {
                return -1;
            }
        }
        return lines;
    }

    /** A line from Paddock itself. */
    public void message(String text) {
        put(Source.PADDOCK, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes what waits to be shown, without waiting. */
    public synchronized Batch drain() {
        Batch batch = new Batch(new ArrayList<>(waiting), waitingLines, skippedLines);
        waiting.clear();
        waitingChars = 0;
        waitingLines = 0;
        skippedLines = 0;
        return batch;
    }

    /** Whether the bytes do not end inside a multi-byte UTF-8 sequence. */
    private static boolean endsOnCharacter(byte[] bytes) {
        int i = bytes.length - 1;
        int continuation = 0;
        while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return continuation == 0;
        }
        int lead = bytes[i] & 0xFF;
        int needed = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return needed == continuation;
    }

    static int newlines(String text) {
        int lines = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            lines++;
        }
        return lines;
    }

    /** Stops accepting output. */
    public synchronized void close() {
        closed = true;
    }

    /** Bytes received so far. */
    public synchronized long received() {
        return received;
    }

    /** The last lines, as plain text. */
    public synchronized String text() {
        return scrollback.text();
    }

    public synchronized void clearHistory() {
        scrollback.clear();
    }

    /** Decodes UTF-8, keeping a sequence cut in two by the chunk boundary for the next chunk. */
    private CharSequence decode(Source source, byte[] bytes) {
        byte[] leftover = leftovers.getOrDefault(source, new byte[0]);
        if (leftover.length == 0 && endsOnCharacter(bytes)) {
            // the JDK's own decoder is fastest on whole, valid text
            leftovers.remove(source);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        ByteBuffer in = ByteBuffer.allocate(leftover.length + bytes.length).put(leftover).put(bytes);
        in.flip();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        decoders.get(source).decode(in, chars, false);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        if (rest.length == 0) {
            leftovers.remove(source);
        } else {
            leftovers.put(source, rest);
        }
        return chars.flip().toString();
    }
}
