package dev.paddock.core.interop;

import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.testing.DesktopFiles;
import dev.paddock.core.testing.Streams;
import dev.paddock.core.testing.SystemdUnits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random words, full of control characters, quotes, backslashes, $, %, spaces, unicode, empty strings and
 * leading dashes, through every export that carries them, read back by the real consumer: /bin/sh for the shell
 * lines, systemd-analyze for units, desktop-file-validate for desktop entries. Each export either gives back exactly
 * the words it was given and nothing more, or refuses them with one sentence.
 */
class ExportPropertiesTest {
    private static final int SHELL_CASES = 4000;
    private static final int SANDBOXER_CASES = 2000;
    private static final int SYSTEMD_CASES = 400;
    private static final int DESKTOP_CASES = 1000;
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    private static final String[] FRAGMENTS = {"${HOME}", "$(id)", "`id`", "$HOME", "%h", "%%", "%f", "\\n", "'\\''",
        "--", "-", "é", "ü", "中文", "😀", "\u00a0", "\u2003", "ExecStartPre=/bin/sh", "\nX-Evil=1", "!!", "\\", "\"",
        "'", " ", "\t", "\n", ";", "#", "~", "*", "?", "{", "}", "(", ")", "|", "&", "<", ">", "=", ",", ":"};
    private static final String[] CONTROLS = {"\r\n", "\r", "\u2028", "\u2029", "\u0085", "\u009b", "\u007f",
        "\u001b[2J", "\f", "\u000b", "\b", "\u0007", "\u0001", "\u001f"};

    /**
     * A random word; one in five may also hold control characters other than tab and newline. {@code nul} lets it
     * hold a NUL too, which no command word, value or file name can.
     */
    static String word(Random random, boolean nul) {
        switch (random.nextInt(12)) {
            case 0:
                return "";
            case 1:
                return "-" + word(random, nul);
            default:
                break;
        }
        boolean controls = random.nextInt(5) == 0;
        StringBuilder word = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                word.append((char) (0x21 + random.nextInt(0x5e)));
            } else if (kind < 7) {
                word.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            } else if (kind < 9 && controls) {
                word.append(nul && random.nextInt(4) == 0 ? "\0" : CONTROLS[random.nextInt(CONTROLS.length)]);
            } else {
                word.appendCodePoint(0xa0 + random.nextInt(0x3000));
            }
        }
        return word.toString();
    }

    private static List<String> words(Random random, int most) {
        List<String> words = new ArrayList<>();
        for (int n = 1 + random.nextInt(most); n > 0; n--) {
            words.add(word(random, false));
        }
        return words;
    }

    /** Paths here have no ${NAME}, so that the shell has nothing to expand. */
    private static String path(Random random) {
        return "/" + word(random, false).replace("{", "(");
    }

    private static Policy policy(Random random, boolean pathVariables) {
        Policy.Builder builder = Policy.builder();
        for (int n = random.nextInt(3); n > 0; n--) {
            builder.path(pathVariables && random.nextInt(4) == 0 ? "${HOME}/" + word(random, false) : path(random),
                    AccessMode.values()[random.nextInt(4)]);
        }
        for (int n = random.nextInt(3); n > 0; n--) {
            builder.setEnv("V" + n, word(random, false));
        }
        return builder.command(words(random, 5)).build();
    }

    private static void assertOneSentence(String message) {
        assertEquals(1, message.lines().count(), message);
        assertFalse(message.endsWith("."), message);
    }

    private static boolean holdsAControlCharacterAShellLineRefuses(List<String> words) {
        return words.stream().anyMatch(w -> ControlCharacters.find(w, true) >= 0);
    }

    /** The lines, each parsed by the real /bin/sh: for each, its words as the shell sees them. */
    private static List<List<String>> shellWords(List<String> lines) throws Exception {
        StringBuilder script = new StringBuilder();
        for (String line : lines) {
            script.append("set -- ").append(line).append('\n')
                    .append("printf '%s\\000' \"$#\"; for a in \"$@\"; do printf '%s\\000' \"$a\"; done\n");
        }
        Process sh = new ProcessBuilder("/bin/sh", "-s").start();
        sh.getOutputStream().write(script.toString().getBytes(StandardCharsets.UTF_8));
        sh.getOutputStream().close();
        Streams out = Streams.drain(sh);
        assertEquals(0, sh.waitFor(), out.stderr());
        assertEquals("", out.stderr());
        List<String> fields = Arrays.asList(out.stdout().split("\0", -1));
        List<List<String>> parsed = new ArrayList<>();
        int i = 0;
        while (i < fields.size() - 1) {
            int count = Integer.parseInt(fields.get(i));
            parsed.add(fields.subList(i + 1, i + 1 + count));
            i += 1 + count;
        }
        return parsed;
    }

    private record Case(String text, List<String> words) {
    }

    private static void assertTheShellReadsBackEveryWord(List<Case> cases) throws Exception {
        for (int from = 0; from < cases.size(); from += 500) {
            List<Case> batch = cases.subList(from, Math.min(cases.size(), from + 500));
            List<List<String>> parsed = shellWords(batch.stream().map(Case::text).toList());
            assertEquals(batch.size(), parsed.size());
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(batch.get(i).words(), parsed.get(i), batch.get(i).text());
            }
        }
    }

    @Test
    void theShellReadsEveryLandrunLineBackAsExactlyItsWords() throws Exception {
        Random random = new Random(20270117);
        List<Case> cases = new ArrayList<>();
        int refused = 0;
        for (int n = 0; n < SHELL_CASES; n++) {
            Policy policy = policy(random, false);
            List<String> expected = new ArrayList<>(List.of("landrun"));
            expected.addAll(LandrunExporter.arguments(policy, new ArrayList<>()));
            try {
                cases.add(new Case(LandrunExporter.export(new Profile("p", "", "", policy)).text(), expected));
            } catch (IllegalArgumentException e) {
                assertTrue(holdsAControlCharacterAShellLineRefuses(expected), e.getMessage());
                assertOneSentence(e.getMessage());
                refused++;
            }
        }
        assertTrue(cases.size() > SHELL_CASES / 4 && refused > SHELL_CASES / 10, cases.size() + " / " + refused);
        assertTheShellReadsBackEveryWord(cases);
    }

    @Test
    void theShellReadsEverySandboxerLineBackAsExactlyItsWords() throws Exception {
        Random random = new Random(20270118);
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < SANDBOXER_CASES; n++) {
            Policy policy = policy(random, false);
            List<String> expected = SandboxerExporter.words(policy, new ArrayList<>()).stream()
                    .map(ExportWord::text).toList();
            try {
                cases.add(new Case(SandboxerExporter.export(new Profile("p", "", "", policy)).text(), expected));
            } catch (IllegalArgumentException e) {
                assertTrue(holdsAControlCharacterAShellLineRefuses(expected), e.getMessage());
                assertOneSentence(e.getMessage());
            }
        }
        assertTrue(cases.size() > SANDBOXER_CASES / 4, Integer.toString(cases.size()));
        assertTheShellReadsBackEveryWord(cases);
    }

    /** What ExecStart= should give back: literal words as they are, a path's ${NAME}s as systemd variables. */
    private static List<String> expectedExec(List<ExportWord> words) {
        List<String> expected = new ArrayList<>();
        for (ExportWord word : words) {
            if (!word.variables()) {
                expected.add(word.text());
                continue;
            }
            Matcher variable = VARIABLE.matcher(word.text());
            StringBuilder out = new StringBuilder();
            while (variable.find()) {
                variable.appendReplacement(out, Matcher.quoteReplacement(SystemdUnits.EXPANDED_DOLLAR
                        + variable.group().substring(1)));
            }
            expected.add(variable.appendTail(out).toString());
        }
        return expected;
    }

    @Test
    void everySystemdUnitVerifiesAndHoldsExactlyTheDirectivesPaddockWrote(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed");
        Random random = new Random(20270119);
        List<Path> units = new ArrayList<>();
        int refused = 0;
        for (int n = 0; n < SYSTEMD_CASES; n++) {
            Profile profile;
            List<ExportWord> exec = new ArrayList<>();
            SystemdUnitExporter.Runner runner = random.nextBoolean() ? SystemdUnitExporter.Runner.PADDOCK
                    : SystemdUnitExporter.Runner.LANDRUN;
            List<String> paddock = new ArrayList<>(List.of("/usr/bin/true"));
            Path profileFile = Path.of(path(random));
            String directory = null;
            if (runner == SystemdUnitExporter.Runner.PADDOCK) {
                paddock.addAll(words(random, 2));
                profile = new Profile(word(random, true) + "n", word(random, true), "", Policy.builder().build());
                paddock.forEach(word -> exec.add(ExportWord.literal(word)));
                List.of("run", "--profile", profileFile.toString()).forEach(w -> exec.add(ExportWord.literal(w)));
            } else {
                directory = random.nextBoolean() ? "/" + word(random, false) : null;
                Policy policy = policy(random, true).toBuilder().workingDirectory(directory).build();
                profile = new Profile(word(random, true) + "n", word(random, true), "", policy);
                exec.add(ExportWord.literal("landrun"));
                exec.addAll(LandrunExporter.words(policy, new ArrayList<>()));
            }
            Export export;
            try {
                export = SystemdUnitExporter.export(profile, profileFile, runner, paddock);
            } catch (IllegalArgumentException e) {
                // only a working directory can be refused here: every word has a spelling
                assertTrue(directory != null && (ControlCharacters.find(directory) >= 0 || directory.endsWith(" ")
                        || directory.endsWith("\\")), e.getMessage());
                assertOneSentence(e.getMessage());
                refused++;
                continue;
            }
            List<SystemdUnits.Directive> directives = SystemdUnits.directives(export.text());
            boolean hasDirectory = directives.stream().anyMatch(d -> d.key().equals("WorkingDirectory"));
            List<String> expectedNames = new ArrayList<>(List.of("Unit/Description", "Service/Type",
                    "Service/ExecStart"));
            if (hasDirectory) {
                expectedNames.add("Service/WorkingDirectory");
                assertEquals(directory.replace("%", "%%"), directives.get(3).value());
            }
            expectedNames.add("Install/WantedBy");
            assertEquals(expectedNames, directives.stream().map(SystemdUnits.Directive::name).toList(),
                    export.text());
            assertEquals(expectedExec(exec), SystemdUnits.execWords(directives.get(2).value()), export.text());
            // systemd-analyze checks that the program exists; landrun need not be installed for the rest to verify
            Path unit = dir.resolve("case-" + n + ".service");
            Files.writeString(unit, export.text().replaceFirst("(?m)^ExecStart=landrun ", "ExecStart=/usr/bin/true "));
            units.add(unit);
        }
        assertTrue(units.size() > SYSTEMD_CASES / 2 && refused > 0, units.size() + " / " + refused);
        for (int from = 0; from < units.size(); from += 50) {
            List<String> command = new ArrayList<>(List.of(SYSTEMD_ANALYZE.toString(), "verify"));
            units.subList(from, Math.min(units.size(), from + 50)).forEach(u -> command.add(u.toString()));
            Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = Streams.read(verify.getInputStream());
            assertEquals(0, verify.waitFor(), out);
            assertEquals("", out.strip());
        }
    }

    @Test
    void everyDesktopEntryValidatesAndItsExecGivesBackTheWords(@TempDir Path dir) throws Exception {
        Random random = new Random(20270120);
        List<Path> entries = new ArrayList<>();
        int refused = 0;
        for (int n = 0; n < DESKTOP_CASES; n++) {
            List<String> paddock = new ArrayList<>(List.of("/usr/bin/paddock"));
            paddock.addAll(words(random, 2));
            Path profileFile = Path.of(path(random));
            Profile profile = new Profile(word(random, true) + "n", "c" + word(random, true), "",
                    Policy.builder().build());
            List<String> expected = new ArrayList<>(paddock);
            expected.addAll(List.of("run", "--profile", profileFile.toString()));
            Export export;
            try {
                export = DesktopEntryExporter.export(profile, profileFile, paddock, random.nextBoolean());
            } catch (IllegalArgumentException e) {
                assertTrue(expected.stream().anyMatch(w -> ControlCharacters.find(w.replaceAll("[\t\n\r]", ""))
                        >= 0), e.getMessage());
                assertOneSentence(e.getMessage());
                refused++;
                continue;
            }
            String text = export.text();
            assertEquals(-1, ControlCharacters.find(text.replace("\n", "")), text);
            assertEquals(List.of("Type", "Version", "Name", "Comment", "Exec", "Icon", "Terminal", "Categories",
                    "X-Paddock-Profile"), DesktopFiles.entries(text).stream().map(DesktopFiles.Entry::key).toList());
            assertEquals(expected, DesktopFiles.execWords(DesktopFiles.value(text, "Exec")), text);
            assertEquals(profileFile.toString(), DesktopFiles.unescape(DesktopFiles.value(text, "X-Paddock-Profile")));
            Path entry = dir.resolve("case-" + n + ".desktop");
            Files.writeString(entry, text);
            entries.add(entry);
        }
        assertTrue(entries.size() > DESKTOP_CASES / 4 && refused > 0, entries.size() + " / " + refused);
        String complaints = DesktopFiles.validate(entries.toArray(Path[]::new));
        Assumptions.assumeTrue(complaints != null, "desktop-file-validate is not installed (package "
                + "desktop-file-utils); every other check passed");
        assertEquals("", complaints);
    }
}
