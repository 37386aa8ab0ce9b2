package dev.paddock.core.lint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test of lint rules, each with a folder and a {@link LintFixture} of its own. */
abstract class LintRulesTest {
    @TempDir
    Path root;
    LintFixture lint;

    @BeforeEach
    void fixture() throws Exception {
        lint = new LintFixture(root);
    }
}
