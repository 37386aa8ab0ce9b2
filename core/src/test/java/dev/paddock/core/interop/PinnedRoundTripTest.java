package dev.paddock.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile with UDP, quiet rules and an ABI pin, through a save and a load, and through landlockconfig and back. */
class PinnedRoundTripTest {
    @TempDir
    Path dir;

    static Profile profile(int abi) {
        Policy policy = Policy.builder().abi(abi).readExec("/usr").rule(new PathRule("/var/log", AccessMode.RO, true))
                .connectTcp(443).connectUdp(53).bindUdp(5353).quietPorts(53).command("dig", "example.org").build();
        return new Profile("Resolver", "UDP, quiet and pinned", "", policy);
    }

    @Test
    void everythingSurvivesASaveAndALoad() throws Exception {
        for (int abi : new int[] {9, 10, 11}) {
            Path file = dir.resolve("p" + abi + ".json");
            ProfileFiles.save(profile(abi), file);
            assertEquals(profile(abi), ProfileFiles.load(file));
        }
    }

    @Test
    void udpAndThePinSurviveLandlockConfigAndTheQuietFlagsAreSaidToBeLost() throws Exception {
        Export export = LandlockConfigExporter.export(profile(10), Map.of());
        JsonNode json = new ObjectMapper().readTree(export.text());
        assertEquals(10, json.path("abi").asInt());
        assertEquals("[\"bind_tcp\",\"connect_tcp\",\"bind_udp\",\"connect_send_udp\"]",
                json.path("ruleset").get(0).path("handledAccessNet").toString());
        assertTrue(export.warnings().contains("landlockconfig has no quiet flag: the quiet rules (/var/log, port 53) "
                + "are exported as ordinary rules, whose denials are logged"), export.warnings().toString());

        Policy back = LandlockConfigImporter.parse(export.text()).profile().policy();
        Policy sent = profile(10).policy();
        assertEquals(10, back.abi());
        assertEquals(sent.bindTcp(), back.bindTcp());
        assertEquals(sent.connectTcp(), back.connectTcp());
        assertEquals(sent.bindUdp(), back.bindUdp());
        assertEquals(sent.connectUdp(), back.connectUdp());
        assertEquals(sent.scopes(), back.scopes());
        assertEquals(sent.paths().stream().map(rule -> new PathRule(rule.path(), rule.access())).toList(),
                back.paths(), "the rules come back, ordinary: landlockconfig cannot say quiet");
        assertEquals(List.of(), List.copyOf(back.quietPorts()));
    }

    @Test
    void aProfileWrittenForAbi9ExportsNoUdpAndComesBackWrittenForAbi9() throws Exception {
        Profile old = new Profile("Old", "", "", Policy.builder().abi(9).readExec("/usr").connectTcp(443)
                .command("curl").build());
        Export export = LandlockConfigExporter.export(old, Map.of());
        JsonNode json = new ObjectMapper().readTree(export.text());
        assertEquals(9, json.path("abi").asInt());
        assertEquals("[\"bind_tcp\",\"connect_tcp\"]", json.path("ruleset").get(0).path("handledAccessNet")
                .toString());
        Policy back = LandlockConfigImporter.parse(export.text()).profile().policy();
        assertEquals(9, back.abi());
        assertFalse(LandlockConfigImporter.parse(export.text()).warnings().stream().anyMatch(w -> w.contains("udp")));
    }
}
