package dev.paddock.core.profile;

import java.util.regex.Pattern;

/**
 * A lint finding the profile's author accepts on purpose, with the reason: the lint still shows it, marked as
 * accepted, and it no longer counts against the profile ({@code paddock lint} exits 0 for it).
 *
 * @param lint     the id of the lint rule, such as {@code write-and-execute}
 * @param concerns the path, variable, scope or field the finding concerns, as written in the profile (such as
 *                 {@code ${PWD}}), or null for every finding of that rule
 * @param reason   why the finding is accepted: one sentence for whoever reads the profile next
 */
public record Acknowledgement(String lint, String concerns, String reason) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Acknowledgement {
        if (lint == null || !ID.matcher(lint).matches()) {
            throw new IllegalArgumentException("\"" + lint + "\" is not a lint rule id: ids are lower-case words "
                    + "joined by hyphens, such as write-and-execute");
        }
        if (concerns != null && concerns.isBlank()) {
            concerns = null;
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("accepting the lint finding " + lint + " needs a reason");
        }
    }

    /** Whether this accepts a finding of rule {@code id} about {@code subject}. */
    public boolean accepts(String id, String subject) {
        return lint.equals(id) && (concerns == null || concerns.equals(subject));
    }
}
