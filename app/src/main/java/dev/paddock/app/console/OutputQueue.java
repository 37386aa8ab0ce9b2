package dev.paddock.app.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Output on its way from a child's reader thread to the FX thread. Bounded: a writer blocks while more than
 * {@link #CAPACITY} bytes wait, which in turn makes the child wait on its terminal, so a flood cannot exhaust memory.
 */
public final class OutputQueue {
    /** Bytes that may wait before writers block. */
    public static final int CAPACITY = 8 << 20;

    /** Where a chunk came from, which decides its style. */
    public enum Source { STDOUT, STDERR, PADDOCK }

    /** A piece of output. */
    public record Chunk(Source source, byte[] bytes) {
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long queued;
    private boolean closed;

    /** Adds a chunk, waiting while the queue is full; returns false once the queue is closed. */
    public synchronized boolean put(Source source, byte[] bytes) throws InterruptedException {
        while (queued > CAPACITY && !closed) {
            wait();
        }
        if (closed) {
            return false;
        }
        chunks.add(new Chunk(source, bytes));
        queued += bytes.length;
        return true;
    }

    /** A message from Paddock itself. */
    public void message(String text) {
        try {
            put(Source.PADDOCK, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes at most about {@code budget} bytes, without waiting. */
    public synchronized List<Chunk> drain(int budget) {
        List<Chunk> taken = new ArrayList<>();
        int size = 0;
        while (!chunks.isEmpty() && size < budget) {
            Chunk chunk = chunks.poll();
            taken.add(chunk);
            size += chunk.bytes().length;
        }
        queued -= size;
        notifyAll();
        return taken;
    }

    /** Stops accepting output and releases waiting writers. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized long queuedBytes() {
        return queued;
    }
}
