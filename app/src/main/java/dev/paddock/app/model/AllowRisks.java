package dev.paddock.app.model;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.lint.Concern;
import dev.paddock.core.lint.Finding;
import dev.paddock.core.lint.Lint;
import dev.paddock.core.lint.LintContext;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.trace.Fix;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What Allow would bring into the profile that the lint flags: the rule is applied to a copy of the profile in the
 * editor and both are linted; the errors (and the warnings about the rule's own path, such as a rule covering /) the
 * copy has and the profile has not are the rule's. Allow asks before adding such a rule, naming them.
 */
final class AllowRisks {
    private AllowRisks() {
    }

    /** The lint's findings, as "rule-id on path: attack" sentences, that applying {@code fix} would add; empty when none. */
    static List<String> of(EditorModel editor, Fix fix, LandlockSupport support, Map<String, String> environment) {
        Profile before = editor.profileProperty().get();
        if (fix == null || fix.path() == null || before == null) {
            return List.of();
        }
        EditorModel copy = new EditorModel();
        copy.load(before, editor.fileProperty().get());
        ProfileFix.apply(copy, fix);
        Profile after = copy.profileProperty().get();
        if (after == null) {
            return List.of();
        }
        try {
            Lint lint = Lint.of(new LintContext(support, environment, Path.of(""), editor.fileProperty().get(),
                    LintContext.PROC_NET_UNIX));
            List<String> had = lint.check(before).stream().filter(found -> risky(found, fix))
                    .map(AllowRisks::sentence).toList();
            return lint.check(after).stream().filter(found -> risky(found, fix)).map(AllowRisks::sentence)
                    .filter(found -> !had.contains(found)).distinct().toList();
        } catch (ProfileException | RuntimeException e) {
            // a profile the lint cannot read (a variable not set here) has its problem shown in Warnings already
            return List.of();
        }
    }

    /** An open error anywhere, or an open warning about the rule's own path (a rule covering /, keys readable). */
    private static boolean risky(Finding finding, Fix fix) {
        if (finding.isAccepted()) {
            return false;
        }
        return finding.fails() || finding.concern().kind() == Concern.Kind.PATH
                && finding.concern().subject().equals(fix.path());
    }

    private static String sentence(Finding finding) {
        return finding.rule().id() + " on " + finding.concern().subject() + ": " + finding.attack();
    }
}
