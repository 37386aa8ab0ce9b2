package dev.paddock.core.trace;

import java.time.Instant;

/**
 * One distinct access of a run, with how often it happened: repeats of the same operation on the same path or port,
 * by the same program and with the same verdict, are counted, not kept.
 *
 * @param executable the program (of the first time)
 * @param access     what was tried
 * @param verdict    what the ruleset makes of it
 * @param count      how many times
 * @param first      when first seen
 * @param last       when last seen
 */
public record TraceEntry(String executable, Access access, Verdict verdict, long count, Instant first,
                         Instant last) {
}
