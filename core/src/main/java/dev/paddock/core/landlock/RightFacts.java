package dev.paddock.core.landlock;

/**
 * What the model knows of one right, scope or flag, the same for every kind: its bit in the kernel's mask, the ABI
 * that brought it, one sentence on what it allows or does, and what goes unrestricted without it.
 *
 * @param bitIndex    the bit's position in its kernel mask
 * @param abi         the first Landlock ABI that knows it
 * @param explanation one sentence, ending with a full stop
 * @param activity    a noun phrase, such as "truncating files"
 */
public record RightFacts(int bitIndex, int abi, String explanation, String activity) {
}
