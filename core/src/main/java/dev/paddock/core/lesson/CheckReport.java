package dev.paddock.core.lesson;

import java.util.List;

/**
 * What the checker found: each criterion with its verdict, in the lesson's order.
 *
 * @param lesson   the lesson checked
 * @param criteria the verdicts
 */
public record CheckReport(Lesson lesson, List<Criterion> criteria) {

    /** Copies the list. */
    public CheckReport {
        criteria = List.copyOf(criteria);
    }

    /** Whether every criterion passed (or does not apply here). */
    public boolean passed() {
        return criteria.stream().allMatch(Criterion::passed);
    }

    /** How many criteria failed. */
    public long failures() {
        return criteria.stream().filter(c -> !c.passed()).count();
    }
}
