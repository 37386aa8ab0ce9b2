package dev.paddock.core.lesson;

import java.util.List;

/**
 * What the checker found: each criterion with its verdict, in the lesson's order.
 *
 * @param lesson   the lesson checked
 * @param criteria the verdicts
 */
public record CheckReport(Lesson lesson, List<Criterion> criteria) {

    /**
     * Checks and copies the components.
     *
     * @param lesson see the record
     * @param criteria see the record
     */
    public CheckReport {
        criteria = List.copyOf(criteria);
    }

    /**
     * Whether every criterion passed (or does not apply here).
     *
     * @return true when none failed
     */
    public boolean passed() {
        return criteria.stream().allMatch(Criterion::passed);
    }

    /**
     * How many criteria failed.
     *
     * @return the count
     */
    public long failures() {
        return criteria.stream().filter(c -> !c.passed()).count();
    }
}
