package dev.paddock.core.profile;

import dev.paddock.core.policy.Policy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expanding a profile's variables; a variable that would put a rule on the whole disk refuses. */
class PathVariablesTest {

    @Test
    void aPwdRuleRunFromTheRootFolderRefusesInsteadOfCoveringTheDisk() {
        Policy policy = Policy.builder().readExec("/usr").readWrite("${PWD}").build();
        ProfileException refused = assertThrows(ProfileException.class,
                () -> PathVariables.of(Map.of(), null, Path.of("/")).expand(policy));
        assertTrue(refused.getMessage().startsWith("the path \"${PWD}\" expands to / here"), refused.getMessage());
        ProfileException dots = assertThrows(ProfileException.class,
                () -> PathVariables.of(Map.of("HOME", "/"), null, Path.of("/tmp"))
                        .expand(Policy.builder().readOnly("${HOME}/.").build()));
        assertTrue(dots.getMessage().contains("expands to / here"), dots.getMessage());
    }

    @Test
    void aPwdRuleRunFromAFolderCoversThatFolderAndAWrittenRootStaysAsWritten() throws Exception {
        Policy expanded = PathVariables.of(Map.of(), null, Path.of("/srv/site"))
                .expand(Policy.builder().readWrite("${PWD}").readOnly("/").build());
        assertEquals("/srv/site", expanded.paths().get(0).path());
        assertEquals("/", expanded.paths().get(1).path());
    }
}
