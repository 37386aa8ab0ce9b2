package dev.paddock.core.landlock;

import dev.paddock.core.policy.CompiledPolicy;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preview of a launch's system calls, in the order the launch makes them. */
class SyscallPreviewTest {

    @Test
    void theFilterComesFirstOnTheFreshThreadThenTheRulesetThenTheSpawn() throws Exception {
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().readExec("/usr").connectTcp(443).build(), 7);
        List<String> lines = SyscallPreview.lines(compiled.plan(), compiled.seccomp());
        int noNewPrivs = indexOf(lines, "prctl(PR_SET_NO_NEW_PRIVS");
        int filter = indexOf(lines, "seccomp(SECCOMP_SET_MODE_FILTER");
        int create = indexOf(lines, "landlock_create_ruleset(");
        int rule = indexOf(lines, "landlock_add_rule(4, LANDLOCK_RULE_PATH_BENEATH");
        int port = indexOf(lines, "landlock_add_rule(4, LANDLOCK_RULE_NET_PORT");
        int restrict = indexOf(lines, "landlock_restrict_self(4, 0) = 0");
        int spawn = indexOf(lines, "posix_spawn(..., POSIX_SPAWN_SETSID");
        int close = indexOf(lines, "close(4) = 0");
        assertTrue(noNewPrivs < filter && filter < create && create < rule && rule < port && port < restrict
                && restrict < spawn && spawn < close, String.join("\n", lines));
        assertEquals(1, lines.stream().filter(line -> line.startsWith("prctl(")).count(), String.join("\n", lines));
        assertTrue(lines.subList(filter, create).stream()
                .anyMatch(line -> line.contains("TIOCSTI")), "the filter's rules are listed with it");
    }

    @Test
    void withNothingToRestrictTheFilterStillComesBeforeTheSpawn() throws Exception {
        CompiledPolicy compiled = PolicyCompiler.compile(Policy.builder().build(), 0);
        List<String> lines = SyscallPreview.lines(compiled.plan(), compiled.seccomp());
        assertTrue(indexOf(lines, "seccomp(") < indexOf(lines, "/* Landlock is not available"));
        assertTrue(indexOf(lines, "/* Landlock is not available") < indexOf(lines, "posix_spawn("));
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("landlock_")), String.join("\n", lines));
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + start + ":\n" + String.join("\n", lines));
    }
}
