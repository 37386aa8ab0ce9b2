package dev.paddock.core.lint;

/**
 * What in the profile a finding is about, so that a reader can find it and the app can select it.
 *
 * @param kind    a path rule, an environment variable, a scope or another field of the profile
 * @param subject the path as written in the profile (with its variables, such as {@code ${HOME}}), the variable's
 *                name, the scope's id, or the field's name
 */
public record Concern(Kind kind, String subject) {

    /** What kind of thing a finding is about. */
    public enum Kind {
        /** A path rule; the subject is its path as written. */
        PATH("path"),
        /** An environment variable of the profile; the subject is its name. */
        ENVIRONMENT("environment"),
        /** An IPC scope; the subject is its id. */
        SCOPE("scope"),
        /** Another field of the profile, such as unrestrictedNetwork or abi; the subject is its name. */
        FIELD("field");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** "path", "environment", "scope" or "field". */
        public String word() {
            return word;
        }
    }

    public Concern {
        if (kind == null || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a lint finding must say what it concerns");
        }
    }

    /** A path rule, by its path as written. */
    public static Concern path(String written) {
        return new Concern(Kind.PATH, written);
    }

    /** A field of the profile, by its name. */
    public static Concern field(String name) {
        return new Concern(Kind.FIELD, name);
    }

    /** "path ${HOME}", "environment GITHUB_TOKEN". */
    @Override
    public String toString() {
        return kind.word() + " " + subject;
    }
}
