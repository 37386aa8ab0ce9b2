package dev.paddock.core.lesson;

/** A lesson could not be read, or its checker could not prepare what it needs; the message is one sentence. */
public final class LessonException extends Exception {

    /** An error with its sentence. */
    public LessonException(String message) {
        super(message);
    }

    /** An error with its sentence and cause. */
    public LessonException(String message, Throwable cause) {
        super(message, cause);
    }
}
