package dev.paddock.core.launch;

import dev.paddock.core.launch.process.Stdio;
import dev.paddock.core.landlock.RulesetPlan;
import dev.paddock.core.seccomp.SeccompFilter;
import dev.paddock.core.trace.Trace;

import java.util.List;

/**
 * Everything one posix_spawn needs, decided before any thread is confined.
 *
 * @param executable absolute path of the program
 * @param argv       argv, starting with argv[0]
 * @param envp       KEY=VALUE strings
 * @param directory  working directory, or null for the caller's
 * @param stdio      what the child's fds 0, 1 and 2 are
 * @param plan       the ruleset to confine the child with, or null to run it unconfined (explicit opt-in only)
 * @param seccomp    the seccomp filter every child gets, with or without a Landlock ruleset
 * @param trace      the access trace that serves the filter's listener, or null for an untraced launch
 */
record SpawnSpec(String executable, List<String> argv, List<String> envp, String directory, Stdio stdio,
                 RulesetPlan plan, SeccompFilter seccomp, Trace trace) {

    SpawnSpec(String executable, List<String> argv, List<String> envp, String directory, Stdio stdio,
              RulesetPlan plan, SeccompFilter seccomp) {
        this(executable, argv, envp, directory, stdio, plan, seccomp, null);
    }
}
