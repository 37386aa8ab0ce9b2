package dev.paddock.core.security;

import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM killed with SIGKILL in the middle of saving leaves the old profile or the new one, never a torn file. The
 * saving JVM is a forked process that saves two large versions in turn, as fast as it can.
 */
class CrashDuringSaveTest {

    /** Saves version A and version B of a big profile in turn, forever; run in a forked JVM. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Profile a = big("A");
        Profile b = big("B");
        System.out.println("saving");
        System.out.flush();
        for (long i = 0; ; i++) {
            ProfileFiles.save(i % 2 == 0 ? a : b, file);
            System.out.print('.'); // one saved: the test kills after a number of these, however slow the machine
            System.out.flush();
        }
    }

    static Profile big(String version) {
        Policy.Builder policy = Policy.builder();
        for (int i = 0; i < 2000; i++) {
            policy.readOnly("/srv/" + version + "/a/rather/long/path/to/make/the/file/big/" + i);
        }
        return new Profile("Version " + version, "", "", policy.command("true").build());
    }

    @Test
    void aKilledSaveLeavesTheOldOrTheNewVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profile.json");
        ProfileFiles.save(big("A"), file);
        Random random = new Random(7);
        Set<String> seen = new java.util.HashSet<>();
        for (int round = 0; round < 12; round++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), CrashDuringSaveTest.class.getName(),
                    file.toString()));
            Process saver = new ProcessBuilder(command).redirectErrorStream(true).start();
            String ready = new String(saver.getInputStream().readNBytes(6));
            assertTrue(ready.equals("saving"), ready);
            // after 1 to 6 complete saves (so either version may be the last), somewhere in the next one
            saver.getInputStream().readNBytes(1 + random.nextInt(6));
            Thread.sleep(random.nextInt(30));
            saver.destroyForcibly();
            saver.waitFor(30, TimeUnit.SECONDS);
            try {
                String name = ProfileFiles.load(file).name();
                assertTrue(name.equals("Version A") || name.equals("Version B"), name);
                seen.add(name);
            } catch (ProfileException e) {
                throw new AssertionError("round " + round + ": the profile is torn: " + e.getMessage(), e);
            }
            try (var files = Files.list(dir)) {
                for (Path leftover : files.toList()) {
                    String leftName = leftover.getFileName().toString();
                    assertTrue(leftName.equals("profile.json") || leftName.equals("profile.json.bak")
                            || leftName.endsWith(".tmp"), leftName);
                }
            }
        }
        assertTrue(seen.size() == 2, "both versions were on disk at some kill: " + seen);
    }
}
