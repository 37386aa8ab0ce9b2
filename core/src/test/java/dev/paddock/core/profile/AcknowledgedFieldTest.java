package dev.paddock.core.profile;

import dev.paddock.core.policy.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile's "acknowledged" list of accepted lint findings: read, written, refused with a sentence. */
class AcknowledgedFieldTest {

    private static String document(String acknowledged) {
        return "{\"formatVersion\": 2, \"abi\": 9, \"name\": \"p\", \"paths\": [{\"path\": \"/tmp\", \"mode\": \"rwx\"}]"
                + (acknowledged == null ? "" : ", \"acknowledged\": " + acknowledged) + "}";
    }

    @Test
    void itIsReadAndWrittenBackTheSame() throws Exception {
        Profile profile = ProfileReader.read(document("[{\"lint\": \"write-and-execute\", \"concerns\": \"/tmp\", "
                + "\"reason\": \"it builds\"}, {\"lint\": \"udp-unrestricted\", \"reason\": \"no UDP\"}]"), "p.json");
        assertEquals(List.of(new Acknowledgement("write-and-execute", "/tmp", "it builds"),
                new Acknowledgement("udp-unrestricted", null, "no UDP")), profile.acknowledged());
        String written = ProfileWriter.write(profile);
        assertEquals(profile, ProfileReader.read(written, "p.json"));
        assertTrue(written.indexOf("\"acknowledged\"") > written.indexOf("\"compatibility\""), written);
    }

    @Test
    void aProfileWithoutItIsWrittenWithoutIt() throws Exception {
        Profile profile = ProfileReader.read(document(null), "p.json");
        assertTrue(profile.acknowledged().isEmpty());
        assertFalse(ProfileWriter.write(profile).contains("acknowledged"));
        assertFalse(ProfileWriter.write(new Profile("p", "", "", Policy.builder().build())).contains("acknowledged"));
    }

    @Test
    void editingTheProfileKeepsIt() {
        Profile profile = new Profile("p", "", "", Policy.builder().build(),
                List.of(new Acknowledgement("home-writable", null, "why")));
        assertEquals(profile.acknowledged(), profile.withName("q").withPolicy(Policy.builder().readOnly("/etc")
                .build()).acknowledged());
    }

    @Test
    void aBrokenEntryIsOneSentenceWithItsPlace() {
        assertRefused("[{\"lint\": \"home-writable\"}]", "needs a reason");
        assertRefused("[{\"reason\": \"x\"}]", "has no \"lint\"");
        assertRefused("[{\"lint\": \"Home Writable\", \"reason\": \"x\"}]", "is not a lint rule id");
        assertRefused("[{\"lint\": \"home-writable\", \"reason\": \"x\", \"why\": 1}]", "unknown field \"why\"");
        assertRefused("[\"home-writable\"]", "must be {\"lint\"");
        assertRefused("[{\"lint\": \"home-writable\", \"reason\": \"a\\u001b[2Jb\"}]", "control character");
    }

    private static void assertRefused(String acknowledged, String expected) {
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileReader.read(document(acknowledged), "p.json"));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().startsWith("p.json: ")
                && e.getMessage().contains("line 1"), e.getMessage());
    }
}
