package dev.paddock.core.lesson;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.PathVariables;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a learner's profile against a lesson on the real kernel: it makes the lesson's folder and services, runs
 * the profile's command confined by the profile, runs each probe confined by the same profile, and reads the
 * profile for least privilege. Success alone is not enough: a profile that grants too much fails the probes or the
 * profile checks. Everything it made is removed afterwards.
 */
public final class LessonChecker {
    private final CheckOptions options;
    private final LandlockSupport kernel;

    /**
     * A checker.
     *
     * @param options how to run things
     * @param kernel  this kernel's Landlock, for checks that apply only where a feature is missing
     */
    public LessonChecker(CheckOptions options, LandlockSupport kernel) {
        this.options = options;
        this.kernel = kernel;
    }

    /**
     * Checks a profile.
     *
     * @param lesson  the lesson
     * @param profile the learner's profile, paths unexpanded (they may use {@code ${LESSON_DIR}})
     * @return each criterion with its verdict
     * @throws LessonException when the lesson's folder or services cannot be made
     */
    public CheckReport check(Lesson lesson, Profile profile) throws LessonException {
        try (LessonFolder folder = LessonFolder.create(lesson, options)) {
            Policy policy;
            try {
                Map<String, String> values = new HashMap<>(System.getenv());
                values.putAll(folder.variables());
                policy = PathVariables.of(values, null, folder.directory()).expand(profile.policy());
            } catch (ProfileException | IllegalArgumentException e) {
                return everyCheckFails(lesson, "The profile cannot be used: " + e.getMessage() + ".");
            }
            if (policy.workingDirectory() == null) {
                policy = policy.toBuilder().workingDirectory(folder.directory().toString()).build();
            }
            ConfinedRun runner = new ConfinedRun(policy, options);
            ProfileJudge judge = new ProfileJudge(policy, folder);
            List<Criterion> criteria = new ArrayList<>();
            for (Check check : lesson.checks()) {
                if (check.onlyWithout() != null && kernel.has(check.onlyWithout())) {
                    criteria.add(new Criterion(check, Criterion.Outcome.NOT_APPLICABLE, "This kernel has "
                            + check.onlyWithout().words() + " (" + check.onlyWithout().requirement()
                            + "), so this blind spot is closed here."));
                } else {
                    criteria.add(check.runs() ? run(check, policy, runner, folder) : judge.judge(check));
                }
            }
            return new CheckReport(lesson, criteria);
        }
    }

    private static CheckReport everyCheckFails(Lesson lesson, String why) {
        return new CheckReport(lesson, lesson.checks().stream()
                .map(check -> new Criterion(check, Criterion.Outcome.FAILED, why)).toList());
    }

    private Criterion run(Check check, Policy policy, ConfinedRun runner, LessonFolder folder) {
        List<String> command = new ArrayList<>();
        for (String word : check.kind() == Check.Kind.RUNS ? policy.command() : check.command()) {
            command.add(folder.expand(word));
        }
        if (command.isEmpty()) {
            return failed(check, "The profile has no command to run.");
        }
        String shown = String.join(" ", command).replace(folder.directory().toString(), "${LESSON_DIR}");
        ConfinedRun.Result result = runner.run(command);
        String said = result.lastLine().replace(folder.directory().toString(), "${LESSON_DIR}");
        return switch (check.kind()) {
            case RUNS -> {
                if (result.launchError() != null) {
                    yield failed(check, "The command could not start: " + result.launchError());
                }
                if (result.exit() != 0) {
                    yield failed(check, "The command exited with " + result.exit()
                            + (said.isEmpty() ? "." : ", saying: " + said));
                }
                yield check.prints().isEmpty() || result.output().contains(folder.expand(check.prints()))
                        ? passed(check, "It exited 0" + (check.prints().isEmpty() ? "." : " and printed \""
                        + check.prints() + "\"."))
                        : failed(check, "It exited 0 but did not print \"" + check.prints() + "\".");
            }
            case DENIED -> {
                if (result.launchError() != null) {
                    yield failed(check, "The probe could not start, so it proves nothing: "
                            + result.launchError());
                }
                if (result.exit() == 0) {
                    yield failed(check, "It was allowed (the probe exited 0): the profile grants more than the task "
                            + "needs.");
                }
                if (!result.probeStarted()) {
                    yield failed(check, "The probe did not get as far as its test (it never printed \""
                            + ConfinedRun.PROBE_STARTED + "\"): the profile kept the probe itself from starting, so "
                            + "it proves nothing" + (said.isEmpty() ? "." : ": " + said));
                }
                yield result.probeDenied() ? passed(check, "Denied, as it should be: " + said)
                        : failed(check, "`" + shown + "` failed, but not with a denial, so the profile may still "
                        + "allow it: " + said);
            }
            case ALLOWED -> result.launchError() == null && result.exit() == 0
                    && (check.prints().isEmpty() || result.output().contains(folder.expand(check.prints())))
                    ? passed(check, "It worked: " + (result.lastLine().isEmpty() ? "exit 0." : said))
                    : failed(check, "`" + shown + "` did not work: " + (result.launchError() != null
                    ? result.launchError() : said.isEmpty() ? "exit " + result.exit() + "." : said));
            default -> throw new IllegalStateException("not a run: " + check.kind());
        };
    }

    static Criterion passed(Check check, String why) {
        return new Criterion(check, Criterion.Outcome.PASSED, why);
    }

    static Criterion failed(Check check, String why) {
        return new Criterion(check, Criterion.Outcome.FAILED, why);
    }
}
