package dev.paddock.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Debian packages a new user installs by following README.md are the ones CI installs: both come from
 * .ci/packages, which .ci/run reads and the README's set-up line spells out.
 */
class SetupPackagesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The names in .ci/packages: one a line, '#' starts a comment. */
    static List<String> listedPackages() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve(".ci/packages"))) {
            String name = line.replaceFirst("#.*", "").strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The package names of the apt-get install line in the README's "Set-up" section. */
    static List<String> readmeSetupPackages() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Set-up\n");
        assertTrue(start >= 0, "README.md has a Set-up section");
        int end = readme.indexOf("\n## ", start + 1);
        String setup = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher line = Pattern.compile("apt-get install ([^`\\n]*)").matcher(setup);
        assertTrue(line.find(), "the Set-up section has an apt-get install line");
        List<String> names = Arrays.stream(line.group(1).strip().split("\\s+"))
                .filter(word -> !word.startsWith("-")).toList();
        assertFalse(line.find(), "the Set-up section has a single apt-get install line");
        return names;
    }

    @Test
    void theReadmeSetupLineInstallsExactlyThePackagesList() throws IOException {
        List<String> listed = listedPackages();
        assertFalse(listed.isEmpty());
        assertEquals(listed.size(), listed.stream().distinct().count(), "a package is listed twice: " + listed);
        assertEquals(listed, readmeSetupPackages(),
                "README.md's set-up line must name the packages of .ci/packages, in the same order");
    }

    @Test
    void ciInstallsThePackagesListAndNoOtherList() throws IOException {
        String run = Files.readString(ROOT.resolve(".ci/run"));
        assertTrue(run.contains(".ci/packages"), ".ci/run reads .ci/packages");
        assertFalse(Pattern.compile("(?m)^\\s*packages=\\(").matcher(run).find(),
                ".ci/run keeps no package list of its own");
        assertTrue(run.contains("apt-get install"), ".ci/run installs what is missing");
    }

    @Test
    void ciReadsTheSameNamesAsThisTest() throws IOException, InterruptedException {
        // the shell's reading of .ci/packages (the line .ci/run uses) gives the names this test compares
        String reader = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .filter(line -> line.startsWith("mapfile -t packages")).findFirst().orElseThrow();
        Process shell = new ProcessBuilder("bash", "-c", reader + "\nprintf '%s\\n' \"${packages[@]}\"")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        shell.getOutputStream().close();
        String out = new String(shell.getInputStream().readAllBytes());
        assertEquals(0, shell.waitFor(), out);
        assertEquals(listedPackages(), out.lines().toList());
    }
}
