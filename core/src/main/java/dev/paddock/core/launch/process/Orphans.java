package dev.paddock.core.launch.process;

import dev.paddock.core.sys.LibC;

/**
 * Makes this JVM the reaper of its sandboxes' orphans, so that a run leaves no zombie behind even where process 1
 * does not reap (containers often run one that does not). A process whose parent ends is then re-parented to the
 * JVM instead of to process 1, and Paddock reaps those of its runs (see {@link RunMembers#reapGroup()}).
 *
 * <p>Off unless asked for ({@code Sandbox.adoptOrphans(true)}, or the system property {@code paddock.adoptOrphans}
 * set to {@code true}; the app asks for it), because it changes the whole JVM: orphans of children that Paddock did
 * not start are adopted too, and Paddock never reaps those, since it cannot tell them from the JDK's own children.
 * On a desktop, process 1 or the user's service manager reaps orphans anyway.
 */
public final class Orphans {
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static volatile boolean adopting;

    private Orphans() {
    }

    /** Called before each launch: adopts orphans from now on if the system property asks for it. */
    public static void adopt() {
        if (!adopting && "true".equals(System.getProperty("paddock.adoptOrphans"))) {
            set(true);
        }
    }

    /** Makes this JVM the reaper of orphans, or stops; returns whether the kernel agreed. */
    public static synchronized boolean set(boolean adopt) {
        boolean done = LibC.prctl(PR_SET_CHILD_SUBREAPER, adopt ? 1 : 0, 0, 0, 0) == 0;
        if (done) {
            adopting = adopt;
        }
        return done;
    }

    public static boolean adopting() {
        return adopting;
    }
}
