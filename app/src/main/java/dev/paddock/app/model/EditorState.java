package dev.paddock.app.model;

import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.PathAccess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the editor holds, as values: a step of undo and redo. It is taken from the editor's fields, not from
 * the profile, because a step may be a state that is not a valid profile yet (a path typed halfway).
 */
record EditorState(List<String> texts, List<PathState> paths, List<EnvState> environment, List<Integer> bindPorts,
                   List<Integer> connectPorts, List<Boolean> switches, Set<Scope> scopes, Set<AuditFlag> auditFlags) {

    record PathState(String path, PathAccess access) {
    }

    record EnvState(String name, boolean pass, String value) {
    }

    static EditorState of(EditorModel model) {
        return new EditorState(
                List.of(model.nameProperty().get(), model.descriptionProperty().get(), model.notesProperty().get(),
                        model.programProperty().get(), model.argumentsProperty().get(),
                        model.workingDirectoryProperty().get()),
                model.paths().stream().map(row -> new PathState(row.pathProperty().get(), row.accessProperty().get()))
                        .toList(),
                model.environment().stream().map(row -> new EnvState(row.nameProperty().get(),
                        row.passProperty().get(), row.valueProperty().get())).toList(),
                List.copyOf(model.bindPorts()), List.copyOf(model.connectPorts()),
                switches(model),
                Arrays.stream(Scope.values()).filter(scope -> model.scopeProperty(scope).get())
                        .collect(Collectors.toUnmodifiableSet()),
                Arrays.stream(AuditFlag.values()).filter(flag -> model.auditFlagProperty(flag).get())
                        .collect(Collectors.toUnmodifiableSet()));
    }

    /** The check boxes: six of their own, then the opt-in seccomp rules in their order. */
    private static List<Boolean> switches(EditorModel model) {
        List<Boolean> values = new ArrayList<>(List.of(model.unrestrictedFilesystemProperty().get(),
                model.unrestrictedNetworkProperty().get(), model.ignoreMissingProperty().get(),
                model.addExecProperty().get(), model.lddProperty().get(), model.strictProperty().get()));
        model.hardeningChoices().forEach(choice -> values.add(choice.on().get()));
        return List.copyOf(values);
    }

    /** Puts the values back into the editor's fields (the caller keeps the editor from rebuilding meanwhile). */
    void applyTo(EditorModel model) {
        model.nameProperty().set(texts.get(0));
        model.descriptionProperty().set(texts.get(1));
        model.notesProperty().set(texts.get(2));
        model.programProperty().set(texts.get(3));
        model.argumentsProperty().set(texts.get(4));
        model.workingDirectoryProperty().set(texts.get(5));
        if (!paths.equals(of(model).paths())) {
            model.paths().setAll(paths.stream().map(p -> new PathRow(p.path(), p.access())).toList());
        }
        if (!environment.equals(of(model).environment())) {
            model.environment().setAll(environment.stream().map(e -> new EnvRow(e.name(), e.pass(), e.value()))
                    .toList());
        }
        model.bindPorts().setAll(bindPorts);
        model.connectPorts().setAll(connectPorts);
        model.unrestrictedFilesystemProperty().set(switches.get(0));
        model.unrestrictedNetworkProperty().set(switches.get(1));
        model.ignoreMissingProperty().set(switches.get(2));
        model.addExecProperty().set(switches.get(3));
        model.lddProperty().set(switches.get(4));
        model.strictProperty().set(switches.get(5));
        List<EditorModel.HardeningChoice> hardening = model.hardeningChoices();
        for (int i = 0; i < hardening.size(); i++) {
            hardening.get(i).on().set(switches.get(6 + i));
        }
        for (Scope scope : Scope.values()) {
            model.scopeProperty(scope).set(scopes.contains(scope));
        }
        for (AuditFlag flag : AuditFlag.values()) {
            model.auditFlagProperty(flag).set(auditFlags.contains(flag));
        }
    }
}
