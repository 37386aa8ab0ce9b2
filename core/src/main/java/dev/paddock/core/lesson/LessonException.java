package dev.paddock.core.lesson;

/** A lesson could not be read, or its checker could not prepare what it needs; the message is one sentence. */
public final class LessonException extends Exception {

    /**
     * An error with its sentence.
     *
     * @param message the sentence
     */
    public LessonException(String message) {
        super(message);
    }

    /**
     * An error with its sentence and cause.
     *
     * @param message the sentence
     * @param cause   what went wrong underneath
     */
    public LessonException(String message, Throwable cause) {
        super(message, cause);
    }
}
