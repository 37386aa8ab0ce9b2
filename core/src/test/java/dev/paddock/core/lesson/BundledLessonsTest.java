package dev.paddock.core.lesson;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileReader;
import dev.paddock.core.testing.AsNobody;
import dev.paddock.core.testing.BundledProfiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bundled lesson on the real kernel: its solution passes its checker, its starting profile fails it, as this
 * user and as nobody; and every probe that must be denied does succeed without a sandbox, so that a denial it sees
 * is the sandbox's and not a broken probe's.
 */
class BundledLessonsTest {
    private static final LandlockSupport KERNEL = LandlockSupport.detect();
    private static final Path FOLDER = BundledProfiles.DIRECTORY.resolve("lessons");

    static Stream<String> lessons() throws Exception {
        return Lessons.in(FOLDER).all().stream().map(Lesson::id);
    }

    @BeforeAll
    static void landlock() {
        org.junit.jupiter.api.Assumptions.assumeTrue(KERNEL.available(), "needs Landlock");
    }

    @Test
    void theRepositoryHasAtLeastEightLessonsAndTheJarBundlesTheSame() throws Exception {
        List<Lesson> onDisk = Lessons.in(FOLDER).all();
        assertTrue(onDisk.size() >= 8, onDisk.size() + " lessons");
        assertEquals(onDisk.stream().map(Lesson::id).toList(),
                Lessons.bundled().all().stream().map(Lesson::id).toList());
        try (Stream<Path> folders = Files.list(FOLDER)) {
            assertEquals(folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList(),
                    onDisk.stream().map(Lesson::id).sorted().toList(), "every lesson folder is in lessons.txt");
        }
        for (Lesson lesson : onDisk) {
            assertTrue(lesson.hints().size() >= 2, lesson.id() + " has progressive hints");
            assertFalse(lesson.teaches().isEmpty(), lesson.id() + " says what it teaches");
        }
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void theSolutionPassesAndTheStartFails(String id) throws Exception {
        solutionPassesAndStartFails(id, CheckOptions.DEFAULT);
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void theSolutionPassesAndTheStartFailsAsNobody(String id) throws Exception {
        solutionPassesAndStartFails(id, new CheckOptions(AsNobody.prefix(), true, Duration.ofSeconds(20)));
    }

    private static void solutionPassesAndStartFails(String id, CheckOptions options) throws Exception {
        Lesson lesson = Lessons.in(FOLDER).find(id).orElseThrow();
        LessonChecker checker = new LessonChecker(options, KERNEL);
        CheckReport solved = checker.check(lesson, lesson.solution());
        assertTrue(solved.passed(), describe(solved));
        CheckReport started = checker.check(lesson, lesson.start());
        assertFalse(started.passed(), describe(started));
    }

    /**
     * The red team's profile for lesson 7: rw on all of ${LESSON_DIR}, and python's library not readable, so the
     * truncate probe's interpreter cannot start and prints PermissionError before it tries anything.
     */
    private static final String L7_CHEAT = "{\"formatVersion\": 2, \"abi\": 11, \"name\": \"Lesson 7: the ABI (solution)\", \"description\""
            + ": \"Reads a data file.\", \"notes\": \"\", \"command\": [\"/usr/bin/cat\", \"${LESSON_DIR}/data"
            + ".txt\"], \"workingDirectory\": null, \"environment\": [], \"paths\": [{\"path\": \"/usr/bin\", "
            + "\"mode\": \"rox\"}, {\"path\": \"/usr/lib/x86_64-linux-gnu\", \"mode\": \"rox\"}, {\"path\": \""
            + "/usr/lib64\", \"mode\": \"rox\"}, {\"path\": \"/etc/ld.so.cache\", \"mode\": \"ro\"}, {\"path\""
            + ": \"/usr/lib/python3.11\", \"rights\": [\"read_dir\"]}, {\"path\": \"${LESSON_DIR}\", \"mode\":"
            + " \"rw\"}], \"bindTcp\": [], \"connectTcp\": [], \"scopes\": [\"abstract_unix_socket\", \"signal"
            + "\"], \"unrestrictedFilesystem\": false, \"unrestrictedNetwork\": false, \"ignoreMissing\": fals"
            + "e, \"addExec\": false, \"ldd\": false, \"auditFlags\": [], \"compatibility\": \"best-effort\"}";

    @Test
    void aProbeWhoseInterpreterCannotStartProvesNothing() throws Exception {
        cheatFails(CheckOptions.DEFAULT);
    }

    @Test
    void aProbeWhoseInterpreterCannotStartProvesNothingAsNobody() throws Exception {
        cheatFails(new CheckOptions(AsNobody.prefix(), true, Duration.ofSeconds(20)));
    }

    private static void cheatFails(CheckOptions options) throws Exception {
        Lesson lesson = Lessons.in(FOLDER).find("07-abi-and-strict").orElseThrow();
        CheckReport report = new LessonChecker(options, KERNEL).check(lesson, ProfileReader.read(L7_CHEAT, "cheat"));
        assertFalse(report.passed(), describe(report));
        Criterion probe = report.criteria().stream().filter(c -> c.check().kind() == Check.Kind.DENIED).findFirst()
                .orElseThrow();
        assertEquals(Criterion.Outcome.FAILED, probe.outcome(), describe(report));
        assertTrue(probe.why().contains("did not get as far as"), probe.why());
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyProbeThatMustBeDeniedWorksWithoutTheSandbox(String id) throws Exception {
        Lesson lesson = Lessons.in(FOLDER).find(id).orElseThrow();
        assertTrue(lesson.start().policy().hardening().isEmpty(), "the starting profiles add no seccomp rule");
        // everything allowed, through a rule on / (a policy that restricts nothing at all is refused)
        Profile open = lesson.start().withPolicy(lesson.start().policy().toBuilder().clearPaths()
                .paths(List.of(new PathRule("/", AccessMode.RWX))).unrestrictedNetwork(true).scopes(List.of())
                .build());
        CheckReport report = new LessonChecker(CheckOptions.DEFAULT, KERNEL).check(lesson, open);
        List<Criterion> probes = report.criteria().stream().filter(c -> c.check().kind() == Check.Kind.DENIED)
                .toList();
        assertFalse(probes.isEmpty(), id + " has probes that must be denied");
        for (Criterion probe : probes) {
            assertEquals(Criterion.Outcome.FAILED, probe.outcome(), probe.check().says() + ": " + probe.why());
            assertTrue(probe.why().startsWith("It was allowed"), probe.why());
        }
    }

    static String describe(CheckReport report) {
        return report.lesson().id() + ":\n" + report.criteria().stream()
                .map(c -> "  " + c.outcome() + " " + c.check().says() + " -- " + c.why())
                .collect(Collectors.joining("\n"));
    }
}
