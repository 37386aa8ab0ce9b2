package dev.paddock.core.security;

import dev.paddock.core.interop.LandlockConfigImporter;
import dev.paddock.core.interop.LandrunImporter;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileReader;
import dev.paddock.core.profile.ProfileWriter;
import dev.paddock.core.testing.BundledProfiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded fuzzing of everything that reads user input: the profile loader, the landrun importer and the
 * landlockconfig importer. Only the documented error type may escape, and its message must be one sentence.
 */
class FuzzTest {
    private static final int CASES = 10_000;
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-1",
        "1e9", "70000", "\"mode\"", "\"rights\"", "\"path\"", "\"paths\"", "\"ro\"", "\"rwx\"", "\"read_file\"",
        "\"formatVersion\"", "\"name\"", "\u0000", "\uD83D\uDE00", "\n", " ", "\"bindTcp\"", "[1,2,3]", "{}"};
    private static final String[] WORDS = {"landrun", "--ro", "--rox", "--rw", "--rwx", "--unix", "--bind-tcp",
        "--connect-tcp", "--env", "--best-effort", "--strict", "--ldd", "--add-exec", "--log-level", "debug", "--",
        "/usr", "/etc,/tmp", ",", "'", "\"", "\\", "$HOME", "${HOME}", "${", "$(", "`", ";", "|", "#", "=", "80",
        "99999", "-1", "ls", "-l", "\n", "\t", "--unrestricted-network", "--help", "--profile", "x=y", "é"};

    private static List<String> seeds() throws Exception {
        List<String> seeds = new ArrayList<>();
        for (Path file : BundledProfiles.files()) {
            seeds.add(Files.readString(file));
        }
        return seeds;
    }

    private static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> text.setCharAt(at, (char) random.nextInt(128));
                case 3 -> text.setLength(at);
                default -> text.delete(at, Math.min(text.length(), at + random.nextInt(40)));
            }
        }
        return text.toString();
    }

    private static void assertOneSentence(String message) {
        assertFalse(message == null || message.isBlank(), "an empty message");
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("\tat "), message);
    }

    @Test
    void theProfileLoaderOnlyEverSaysProfileException() throws Exception {
        List<String> seeds = seeds();
        Random random = new Random(0xF0221);
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            String input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                String again = ProfileWriter.write(ProfileReader.read(input, "fuzz.json"));
                assertEquals(ProfileReader.read(again, "fuzz.json"), ProfileReader.read(input, "fuzz.json"));
            } catch (ProfileException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith("fuzz.json: "), e.getMessage());
                assertOneSentence(e.getMessage());
            }
        }
        assertTrue(rejected > CASES / 2, "most mutations are invalid: " + rejected);
    }

    @Test
    void theLandrunImporterOnlyEverSaysIllegalArgument() {
        Random random = new Random(0x1A2D);
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            StringBuilder line = new StringBuilder();
            int words = random.nextInt(12);
            for (int w = 0; w < words; w++) {
                line.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            try {
                LandrunImporter.parse(line.toString());
            } catch (IllegalArgumentException e) {
                rejected++;
                assertOneSentence(e.getMessage());
            }
        }
        assertTrue(rejected > 0 && rejected < CASES, rejected + " rejected");
    }

    @Test
    void theLandlockConfigImporterOnlyEverSaysIllegalArgument() {
        String seed = "{\"abi\": 4, \"variable\": [{\"name\": \"v\", \"literal\": [\"/a\", \"/b\"]}], "
                + "\"ruleset\": [{\"handledAccessFs\": [\"abi.all\"], \"handledAccessNet\": [\"bind_tcp\"]}], "
                + "\"pathBeneath\": [{\"allowedAccess\": [\"abi.read_execute\"], \"parent\": [\"${v}/x\"]}], "
                + "\"netPort\": [{\"allowedAccess\": [\"bind_tcp\"], \"port\": [80]}]}";
        Random random = new Random(0x11C0);
        for (int i = 0; i < CASES; i++) {
            try {
                LandlockConfigImporter.parse(mutate(seed, random));
            } catch (IllegalArgumentException e) {
                assertOneSentence(e.getMessage());
            }
        }
    }
}
