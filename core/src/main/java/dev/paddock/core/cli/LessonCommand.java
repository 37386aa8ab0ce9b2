package dev.paddock.core.cli;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.lesson.CheckOptions;
import dev.paddock.core.lesson.CheckReport;
import dev.paddock.core.lesson.Criterion;
import dev.paddock.core.lesson.Lesson;
import dev.paddock.core.lesson.LessonChecker;
import dev.paddock.core.lesson.LessonProgress;
import dev.paddock.core.lesson.LessonException;
import dev.paddock.core.lesson.Lessons;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code paddock lesson list|show ID|check ID PROFILE}: the bundled lessons. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "Learn Landlock: list the bundled lessons, show one (its text, task, hints and starting "
                + "profile), or check your profile against it on this kernel.",
        subcommands = {LessonCommand.ListLessons.class, LessonCommand.Show.class, LessonCommand.CheckLesson.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the lesson passed (list, show: success)",
                "1:it did not pass", "2:an unknown lesson, a profile that cannot be read, or a wrong command line"})
final class LessonCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return new ListLessons().call();
    }

    private static Lesson find(String id) throws LessonException {
        Lessons lessons = Lessons.bundled();
        return lessons.find(id).orElseThrow(() -> new LessonException("there is no lesson \"" + id
                + "\": `paddock lesson list` shows them"));
    }

    /** {@code paddock lesson list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the lessons.")
    static final class ListLessons implements Callable<Integer> {
        @Override
        public Integer call() {
            try {
                List<Lesson> all = Lessons.bundled().all();
                // the progress the app shows too: a pass in either is marked here
                LessonProgress progress = new LessonProgress(LessonProgress.userFile(System.getenv()));
                long passed = all.stream().filter(lesson -> progress.passed(lesson.id())).count();
                for (int i = 0; i < all.size(); i++) {
                    Lesson lesson = all.get(i);
                    System.out.printf("%2d  %-6s  %-24s %s%n", i + 1, progress.passed(lesson.id()) ? "passed" : "",
                            lesson.id(), lesson.title());
                }
                System.out.println(passed + " of " + all.size() + " passed (your progress: " + progress.file() + ")");
                return 0;
            } catch (LessonException e) {
                System.err.println("paddock: " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code paddock lesson show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a lesson: its text, task and hints, and its starting profile (save it to a file, "
                    + "edit it, then check it).")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The lesson's number or id, as `paddock lesson list` shows.")
        private String id;

        @Option(names = "--solution", description = "Print the solution instead of the start.")
        private boolean solution;

        @Option(names = "--json", description = "Print only the profile, to save and edit.")
        private boolean json;

        @Override
        public Integer call() {
            try {
                Lesson lesson = find(id);
                PrintStream out = System.out;
                if (json) {
                    out.print(ProfileWriter.write(solution ? lesson.solution() : lesson.start()));
                    return 0;
                }
                out.println(lesson.title());
                out.println();
                out.println(lesson.text());
                out.println();
                out.println("Task: " + lesson.task());
                out.println();
                for (int i = 0; i < lesson.hints().size(); i++) {
                    out.println("Hint " + (i + 1) + ": " + lesson.hints().get(i));
                }
                out.println();
                out.println((solution ? "Solution" : "Starting profile") + " (paths use ${LESSON_DIR}, the "
                        + "folder the checker makes):");
                out.print(ProfileWriter.write(solution ? lesson.solution() : lesson.start()));
                return 0;
            } catch (LessonException e) {
                System.err.println("paddock: " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code paddock lesson check ID PROFILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Run the lesson's command and probes confined by PROFILE on this kernel, and judge the "
                    + "profile; prints each criterion. A pass is recorded with your progress.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every criterion passed", "1:one failed",
                    "2:an unknown lesson, a profile that cannot be read, or a wrong command line"})
    static final class CheckLesson implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The lesson's number or id.")
        private String id;

        @Parameters(index = "1", paramLabel = "PROFILE", description = "Your profile (JSON).")
        private Path file;

        @Override
        public Integer call() {
            try {
                Lesson lesson = find(id);
                CheckReport report = new LessonChecker(CheckOptions.DEFAULT, LandlockSupport.detect())
                        .check(lesson, ProfileFiles.load(file));
                for (Criterion criterion : report.criteria()) {
                    String mark = switch (criterion.outcome()) {
                        case PASSED -> "pass";
                        case FAILED -> "FAIL";
                        case NOT_APPLICABLE -> "n/a ";
                    };
                    System.out.println(mark + "  " + criterion.check().says());
                    System.out.println("      " + criterion.why());
                }
                System.out.println(report.passed() ? "Passed: " + lesson.title()
                        : report.failures() + " of " + report.criteria().size() + " criteria failed.");
                if (report.passed()) {
                    // the app's Lessons pane reads the same file: the pass shows there too
                    String unsaved = new LessonProgress(LessonProgress.userFile(System.getenv()))
                            .markPassed(lesson.id());
                    if (unsaved != null) {
                        System.err.println("paddock: " + unsaved);
                    }
                }
                return report.passed() ? 0 : 1;
            } catch (LessonException | ProfileException e) {
                System.err.println("paddock: " + e.getMessage());
                return 2;
            }
        }
    }
}
