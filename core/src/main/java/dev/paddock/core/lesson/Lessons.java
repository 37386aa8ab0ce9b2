package dev.paddock.core.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lessons bundled with Paddock (the repository's {@code profiles/lessons}, packed into core's jar), or those of
 * a folder on disk. {@code lessons.txt} lists the lesson folders in order, one a line; each folder holds
 * {@code lesson.json}, {@code start.json} and {@code solution.json}.
 */
public final class Lessons {
    /** The file that lists the lessons in order. */
    public static final String INDEX = "lessons.txt";
    private static final String BUNDLED = "/dev/paddock/core/lesson/bundled/";

    private final List<Lesson> all;

    private Lessons(List<Lesson> all) {
        this.all = List.copyOf(all);
    }

    /** A file of the lesson tree, by its path relative to the tree. */
    private interface Source {
        String read(String relative) throws IOException;
    }

    /**
     * The bundled lessons.
     *
     * @return every bundled lesson, in order
     * @throws LessonException when one is malformed or missing from the jar
     */
    public static Lessons bundled() throws LessonException {
        return load(relative -> {
            try (InputStream in = Lessons.class.getResourceAsStream(BUNDLED + relative)) {
                if (in == null) {
                    throw new NoSuchFileException(relative);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }, "the bundled lessons");
    }

    /**
     * The lessons of a folder laid out as the bundled ones.
     *
     * @param folder the folder that holds {@code lessons.txt}
     * @return its lessons, in order
     * @throws LessonException when one is malformed or missing
     */
    public static Lessons in(Path folder) throws LessonException {
        return load(relative -> Files.readString(folder.resolve(relative)), folder.toString());
    }

    private static Lessons load(Source source, String where) throws LessonException {
        List<Lesson> lessons = new ArrayList<>();
        for (String id : read(source, INDEX, where).split("\n")) {
            id = id.strip();
            if (id.isEmpty() || id.startsWith("#")) {
                continue;
            }
            if (!id.matches("[a-z0-9-]+")) {
                throw new LessonException(where + ": " + INDEX + " names \"" + id
                        + "\", but a lesson folder is named with lower-case letters, digits and dashes only");
            }
            lessons.add(LessonReader.read(id, read(source, id + "/lesson.json", where),
                    read(source, id + "/start.json", where), read(source, id + "/solution.json", where)));
        }
        return new Lessons(lessons);
    }

    private static String read(Source source, String relative, String where) throws LessonException {
        try {
            return source.read(relative);
        } catch (NoSuchFileException e) {
            throw new LessonException(where + ": " + relative + " is missing", e);
        } catch (IOException e) {
            throw new LessonException(where + ": " + relative + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Every lesson, in order.
     *
     * @return the lessons
     */
    public List<Lesson> all() {
        return all;
    }

    /**
     * A lesson by its id, or by its number in the list ("3") or the number its id starts with ("03").
     *
     * @param idOrNumber the id or number
     * @return the lesson, if there is one
     */
    public Optional<Lesson> find(String idOrNumber) {
        for (int i = 0; i < all.size(); i++) {
            Lesson lesson = all.get(i);
            if (lesson.id().equals(idOrNumber) || Integer.toString(i + 1).equals(idOrNumber)
                    || lesson.id().startsWith(idOrNumber + "-")) {
                return Optional.of(lesson);
            }
        }
        return Optional.empty();
    }

    /**
     * The first lesson that shows a right, scope or flag.
     *
     * @param rightId its id, as the kernel matrix names it
     * @return the lesson, if any shows it
     */
    public Optional<Lesson> teaching(String rightId) {
        return all.stream().filter(lesson -> lesson.teaches(rightId)).findFirst();
    }
}
