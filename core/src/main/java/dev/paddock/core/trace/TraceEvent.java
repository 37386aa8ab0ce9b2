package dev.paddock.core.trace;

import java.time.Instant;

/**
 * One access a traced process attempted, with its verdict.
 *
 * @param time       when the supervisor saw it, before it happened
 * @param pid        the thread that made the call (its id as the JVM's /proc sees it)
 * @param executable the program it was running, or null if Paddock could not read it
 * @param access     what it tried
 * @param verdict    what this run's ruleset makes of it
 */
public record TraceEvent(Instant time, int pid, String executable, Access access, Verdict verdict) {
}
