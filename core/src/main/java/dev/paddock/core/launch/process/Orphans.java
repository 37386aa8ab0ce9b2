package dev.paddock.core.launch.process;

import dev.paddock.core.sys.LibC;

/**
 * Makes this JVM the reaper of its sandboxes' orphans, so that a run leaves no zombie behind even where process 1
 * does not reap (containers often run one that does not). A process whose parent ends is then re-parented to the
 * JVM instead of to process 1, and Paddock reaps those of its runs (see {@link RunMembers#reapGroup()}).
 *
 * <p>The JVM becomes a child subreaper (PR_SET_CHILD_SUBREAPER) at the first launch, unless the system property
 * {@code paddock.adoptOrphans} is {@code false}. Orphans of children that Paddock did not start are then adopted
 * by the JVM too, and Paddock never reaps those: it cannot tell them from the JDK's own children.
 */
public final class Orphans {
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static volatile boolean adopting;

    private Orphans() {
    }

    /** Called before each launch: adopts orphans from now on. */
    public static void adopt() {
        if (!adopting && !"false".equals(System.getProperty("paddock.adoptOrphans"))) {
            synchronized (Orphans.class) {
                if (!adopting) {
                    adopting = LibC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
                }
            }
        }
    }

    public static boolean adopting() {
        return adopting;
    }
}
