package dev.paddock.app.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The editor's view of a path rule: what it leads to, with the profile's own variables, as a run would see it. */
class EditorModelTest {

    @Test
    void aRuleUnderTheProfilesOwnFolderIsCheckedThere(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("data"));
        Files.writeString(dir.resolve("notes.txt"), "x");
        EditorModel model = new EditorModel();
        model.load(EditorModel.blank(), dir.resolve("p.json"));
        assertEquals(EditorModel.PathKind.FOLDER, model.check("${PROFILE_DIR}/data").kind());
        assertEquals(EditorModel.PathKind.FILE, model.check("${PROFILE_DIR}/notes.txt").kind());
        assertEquals(EditorModel.PathKind.MISSING, model.check("${PROFILE_DIR}/gone").kind());
    }

    @Test
    void udpPortsAreEditedLikeTcpPorts() {
        EditorModel model = new EditorModel();
        assertEquals(null, model.addUdpPort(false, "53"));
        assertEquals(null, model.addUdpPort(true, "0"));
        assertEquals("port 0 is out of range: use 1 to 65535", model.addUdpPort(false, "0"));
        var policy = model.profileProperty().get().policy();
        assertEquals(java.util.List.of(53), java.util.List.copyOf(policy.connectUdp()));
        assertEquals(java.util.List.of(0), java.util.List.copyOf(policy.bindUdp()));
        assertEquals(java.util.List.of(), java.util.List.copyOf(policy.connectTcp()));
        EditorModel other = new EditorModel();
        other.load(model.profileProperty().get(), null);
        assertEquals(java.util.List.of(53), other.connectUdpPorts());
        assertEquals(false, other.dirtyProperty().get());
    }

    @Test
    void quietRulesAndPortsSurviveALoadAndAPortWithoutARuleIsNotQuiet() {
        EditorModel model = new EditorModel();
        model.paths().get(0).quietProperty().set(true);
        assertEquals("port 53 has no rule to make quiet: allow binding or connecting to it first",
                model.addQuietPort("53"));
        model.addUdpPort(false, "53");
        assertEquals(null, model.addQuietPort("53"));
        var policy = model.profileProperty().get().policy();
        assertEquals(true, policy.paths().get(0).quiet());
        assertEquals(java.util.List.of(53), java.util.List.copyOf(policy.quietPorts()));
        EditorModel other = new EditorModel();
        other.load(model.profileProperty().get(), null);
        assertEquals(true, other.paths().get(0).quietProperty().get());
        assertEquals(java.util.List.of(53), other.quietPorts());
        other.connectUdpPorts().clear();
        assertEquals(java.util.List.of(), other.quietPorts(), "its rule is gone, so it is not quiet any more");
        assertEquals("", other.problemProperty().get());
    }

    @Test
    void theAbiAProfileWasWrittenForIsKeptUntilItIsUpgraded() {
        EditorModel model = new EditorModel();
        assertEquals(11, model.abiProperty().get(), "a new profile is written for the newest ABI");
        var old = EditorModel.blank().withPolicy(EditorModel.blank().policy().withAbi(9));
        model.load(old, null);
        assertEquals(9, model.abiProperty().get());
        assertEquals(false, model.dirtyProperty().get());
        assertEquals(9, model.profileProperty().get().policy().abi());
        assertEquals(java.util.List.of(dev.paddock.core.landlock.NetAccess.BIND_UDP,
                dev.paddock.core.landlock.NetAccess.CONNECT_SEND_UDP), model.upgradeProperty().get().rights());
        model.upgradeAbi();
        assertEquals(11, model.profileProperty().get().policy().abi());
        assertEquals(true, model.dirtyProperty().get());
        assertEquals(false, model.upgradeProperty().get().available());
    }

    @Test
    void aRuleCanBeOptionalOnItsOwnAndPresetsThatMayBeMissingAreOptional() {
        EditorModel model = new EditorModel();
        model.paths().get(0).optionalProperty().set(true);
        model.addPathIfAbsent("/etc", dev.paddock.core.policy.AccessMode.RO);
        var policy = model.profileProperty().get().policy();
        assertEquals(java.util.List.of(true, false), policy.paths().stream()
                .map(dev.paddock.core.policy.PathRule::optional).toList());
        assertEquals(false, policy.ignoreMissing());
        EditorModel other = new EditorModel();
        other.load(model.profileProperty().get(), null);
        assertEquals(true, other.paths().get(0).optionalProperty().get());
        dev.paddock.core.policy.PathPreset.DNS.rules().forEach(other::addPathIfAbsent);
        var withPreset = other.profileProperty().get().policy();
        assertEquals(true, withPreset.paths().stream().filter(r -> r.path().equals("/etc/gai.conf")).findFirst()
                .orElseThrow().optional());
        assertEquals(false, withPreset.ignoreMissing(), "one rule is optional, not the whole profile");
    }

    @Test
    void anUnknownVariableSaysWhy() {
        EditorModel model = new EditorModel();
        EditorModel.PathCheck check = model.check("${PADDOCK_NO_SUCH_VARIABLE_42}/x");
        assertEquals(EditorModel.PathKind.UNKNOWN, check.kind());
        assertEquals(true, check.problem().contains("PADDOCK_NO_SUCH_VARIABLE_42"), check.problem());
    }
}
