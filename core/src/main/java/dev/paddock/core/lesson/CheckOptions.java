package dev.paddock.core.lesson;

import java.time.Duration;
import java.util.List;

/**
 * How the checker runs things.
 *
 * @param runAs       words put before every command run in the sandbox and before the signal target, such as
 *                    {@code setpriv --reuid=65534 ...} to run them as another user; empty for this user
 * @param shareFolder make the lesson's folder readable and writable by every user, for a {@code runAs} user
 * @param timeout     how long one command or probe may run before it is killed
 */
public record CheckOptions(List<String> runAs, boolean shareFolder, Duration timeout) {

    /** The learner's own runs: as this user, 20 seconds each. */
    public static final CheckOptions DEFAULT = new CheckOptions(List.of(), false, Duration.ofSeconds(20));

    /**
     * Checks and copies the components.
     *
     * @param runAs see the record
     * @param shareFolder see the record
     * @param timeout see the record
     */
    public CheckOptions {
        runAs = List.copyOf(runAs);
    }
}
