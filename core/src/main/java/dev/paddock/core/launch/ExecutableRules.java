package dev.paddock.core.launch;

import dev.paddock.core.SandboxException;
import dev.paddock.core.elf.SharedLibraries;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.landlock.PlannedPathRule.Origin;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.PolicyCompiler.AddedRule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rules that add-exec and ldd add for the resolved program. */
final class ExecutableRules {

    private ExecutableRules() {
    }

    /**
     * add-exec: the binary, read and execute. ldd: the ELF interpreter read and execute, each library and the
     * ld.so cache read only.
     */
    static List<AddedRule> forExecutable(Policy policy, Path executable, String ldLibraryPath)
            throws SandboxException {
        List<AddedRule> added = new ArrayList<>();
        if (policy.addExec()) {
            added.add(new AddedRule(executable.toString(), AccessMode.ROX, Origin.ADD_EXEC));
        }
        if (policy.ldd()) {
            SharedLibraries libraries = SharedLibraries.of(executable, ldLibraryPath);
            if (libraries.interpreter() != null) {
                added.add(new AddedRule(libraries.interpreter().toString(), AccessMode.ROX, Origin.LDD));
            }
            for (Path library : libraries.libraries()) {
                added.add(new AddedRule(library.toString(), AccessMode.RO, Origin.LDD));
            }
            if (libraries.cache() != null) {
                added.add(new AddedRule(libraries.cache().toString(), AccessMode.RO, Origin.LDD));
            }
        }
        return added;
    }
}
