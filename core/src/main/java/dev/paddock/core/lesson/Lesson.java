package dev.paddock.core.lesson;

import dev.paddock.core.profile.Profile;

import java.util.List;

/**
 * A lesson: a short text, a task stated as an outcome, the profile the learner starts from, the checks that judge
 * theirs, hints from gentle to nearly the answer, and a solution.
 *
 * @param id       the folder name, which orders the lessons ("01-read-write")
 * @param title    a short title
 * @param teaches  the ids of the rights, scopes and flags the lesson shows (as the kernel matrix names them)
 * @param text     the explanation; paragraphs separated by a blank line
 * @param task     what to achieve
 * @param hints    hints, to reveal one at a time
 * @param fixtures what the checker makes in the lesson's folder
 * @param services what the checker runs beside the sandbox
 * @param checks   the criteria, in the order they are shown
 * @param start    the profile the learner starts from
 * @param solution a profile that passes every check
 */
public record Lesson(String id, String title, List<String> teaches, String text, String task, List<String> hints,
                     List<Fixture> fixtures, Services services, List<Check> checks, Profile start,
                     Profile solution) {

    /**
     * Checks and copies the components.
     *
     * @param id see the record
     * @param title see the record
     * @param teaches see the record
     * @param text see the record
     * @param task see the record
     * @param hints see the record
     * @param fixtures see the record
     * @param services see the record
     * @param checks see the record
     * @param start see the record
     * @param solution see the record
     */
    public Lesson {
        teaches = List.copyOf(teaches);
        hints = List.copyOf(hints);
        fixtures = List.copyOf(fixtures);
        checks = List.copyOf(checks);
    }

    /**
     * Whether the lesson shows a right, scope or flag.
     *
     * @param rightId its id, as the kernel matrix names it ("truncate")
     * @return true when the lesson says it teaches it
     */
    public boolean teaches(String rightId) {
        return teaches.contains(rightId);
    }
}
