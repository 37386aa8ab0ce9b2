package dev.paddock.core.trace;

/**
 * Told of every access a traced run attempts, on the trace's supervisor thread, while the process waits: return
 * quickly (hand the event to another thread for anything slow). An exception is caught, and the listener is not
 * called again; the trace goes on.
 */
@FunctionalInterface
public interface TraceListener {
    void onAccess(TraceEvent event);
}
