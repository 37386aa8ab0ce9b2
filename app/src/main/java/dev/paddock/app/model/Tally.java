package dev.paddock.app.model;

import dev.paddock.core.trace.TraceEvent;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The count of one distinct access, kept by the trace's thread; the FX thread reads it into the access's row. Its
 * {@code dirty} flag puts it in the queue of tallies to show once until the FX thread has shown it.
 */
final class Tally {
    final TraceEvent first;
    final AtomicLong count = new AtomicLong();
    final AtomicBoolean dirty = new AtomicBoolean();
    volatile Instant last;
    /** The row, once the FX thread made it; only the FX thread reads or writes this. */
    AccessRow row;

    Tally(TraceEvent first) {
        this.first = first;
        this.last = first.time();
    }

    /** The row for this access, made on first need (FX thread only). */
    AccessRow row() {
        if (row == null) {
            row = new AccessRow(first.pid(), first.executable(), first.access(), first.verdict(), first.time());
        }
        return row;
    }
}
