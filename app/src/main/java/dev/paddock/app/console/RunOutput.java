package dev.paddock.app.console;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The output of one run. Reader threads hand in bytes; they are decoded, parsed for terminal colours and kept in
 * the {@link Scrollback} right there, off the FX thread, and the styled runs wait for the console to show them.
 * Bounded: a writer blocks while more than {@link #CAPACITY} characters wait, which makes the child wait on its
 * pipe or terminal, so a flood cannot exhaust memory.
 */
public final class RunOutput {
    /** Characters that may wait for the console before writers block. */
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

    /** What waited for the console: the runs, and the newlines in all of them. */
    public record Batch(List<Counted> runs, long lines) {
        public boolean isEmpty() {
            return runs.isEmpty();
        }
    }

    private final ArrayDeque<Counted> waiting = new ArrayDeque<>();
    private long waitingLines;
    private long waitingChars;
    private long received;
    private boolean closed;

    public RunOutput() {
        for (Source source : Source.values()) {
            decoders.put(source, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
            parsers.put(source, new AnsiParser(source.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** Takes bytes from a reader thread, waiting while the console is too far behind; false once closed. */
    public synchronized boolean put(Source source, byte[] bytes) throws InterruptedException {
        while (waitingChars > CAPACITY && !closed) {
            wait();
        }
        if (closed) {
            return false;
        }
        received += bytes.length;
        for (AnsiParser.Run run : parsers.get(source).parse(decode(source, bytes))) {
            scrollback.add(run.text(), run.returnFirst());
            int lines = newlines(run.text());
            waiting.add(new Counted(run, lines));
            waitingChars += run.text().length();
            waitingLines += lines;
        }
        return true;
    }

    /** A line from Paddock itself. */
    public void message(String text) {
        try {
            put(Source.PADDOCK, text.getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes what waits to be shown, without waiting. */
    public synchronized Batch drain() {
        Batch batch = new Batch(new ArrayList<>(waiting), waitingLines);
        waiting.clear();
        waitingChars = 0;
        waitingLines = 0;
        notifyAll();
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

    /** Stops accepting output and releases waiting writers. */
    public synchronized void close() {
        closed = true;
        notifyAll();
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
            return new String(bytes, StandardCharsets.UTF_8);
        }
        ByteBuffer in = ByteBuffer.allocate(leftover.length + bytes.length).put(leftover).put(bytes);
        in.flip();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        decoders.get(source).decode(in, chars, false);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        leftovers.put(source, rest);
        return chars.flip().toString();
    }
}
