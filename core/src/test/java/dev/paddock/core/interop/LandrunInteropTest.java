package dev.paddock.core.interop;

import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.profile.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** landrun command lines out and in: exact where landrun can say it, wider with a warning where it cannot. */
class LandrunInteropTest {

    private static Profile profile(Policy policy) {
        return new Profile("p", "", "", policy);
    }

    /** landrun knows Landlock up to ABI 9: a profile that restricts the network restricts UDP, landrun cannot. */
    static final String UDP = "landrun cannot restrict UDP (it knows Landlock up to ABI 9): the export leaves UDP "
            + "unrestricted, which this profile denies from ABI 10 (Linux 7.2)";

    @Test
    void exportsAnExactShellQuotedLine() {
        Policy policy = Policy.builder().readExec("/usr", "/lib").readOnly("/etc").readWrite("/tmp/my dir")
                .connectTcp(443).bindTcp(8080).passEnv("HOME").setEnv("GREETING", "it's here")
                .command("sh", "-c", "echo \"$GREETING\"").build();
        Export export = LandrunExporter.export(profile(policy));
        assertEquals("landrun --best-effort --rox /usr,/lib --ro /etc --rw '/tmp/my dir' --bind-tcp 8080 "
                + "--connect-tcp 443 --env HOME --env \"GREETING=it's here\" -- sh -c 'echo \"$GREETING\"'",
                export.text());
        assertEquals(List.of(UDP), export.warnings());
    }

    @Test
    void strictIsLandrunsDefaultAndEveryFlagHasItsPlace() {
        Policy policy = Policy.builder().strict().unrestrictedFilesystem(true).unrestrictedNetwork(true)
                .unrestrictedScopes(true).ignoreMissing(true).addExec(true).ldd(true)
                .auditFlag(AuditFlag.LOG_NEW_EXEC_ON).auditFlag(AuditFlag.LOG_SUBDOMAINS_OFF)
                .path("/run/s.sock", RightSet.of(FsAccess.RESOLVE_UNIX)).command("true").build();
        assertEquals("landrun --unrestricted-filesystem --unrestricted-network --unrestricted-scoped "
                        + "--ignore-missing --add-exec --ldd --unix /run/s.sock --log-enable-subprocesses "
                        + "--log-disable-subdomains -- true", LandrunExporter.export(profile(policy)).text());
    }

    @Test
    void commasInPathsPreventCommaListsAndAreWarnedAbout() {
        Policy policy = Policy.builder().readOnly("/a", "/b,c", "/d").command("ls").build();
        Export export = LandrunExporter.export(profile(policy));
        assertEquals("landrun --best-effort --ro /a --ro /b,c --ro /d -- ls", export.text());
        assertEquals(List.of("landrun splits path flags at commas, so it cannot take the path /b,c", UDP),
                export.warnings());
    }

    @Test
    void unicodeQuotesAndVariablesSurviveQuoting() {
        Policy policy = Policy.builder().readOnly("${HOME}/Música \"live\"", "/srv/$weird").command("ls").build();
        Export export = LandrunExporter.export(profile(policy));
        assertEquals("landrun --best-effort --ro \"${HOME}/Música \\\"live\\\",/srv/\\$weird\" -- ls", export.text());
        assertEquals(policy.paths(), LandrunImporter.parse(export.text()).profile().policy().paths());
    }

    @Test
    void commandWordsAndValuesAreLiteralWhilePathsKeepTheirVariables() {
        Policy policy = Policy.builder().readOnly("${HOME}/docs").setEnv("A", "${HOME}").command("echo", "${HOME}")
                .build();
        assertEquals("landrun --best-effort --ro \"${HOME}/docs\" --env 'A=${HOME}' -- echo '${HOME}'",
                LandrunExporter.export(profile(policy)).text());
    }

    @Test
    void anExclamationMarkIsNeverInsideDoubleQuotesWhereInteractiveBashWouldExpandIt() {
        Policy policy = Policy.builder().readOnly("${HOME}/it's!x").command("echo", "it's!x").build();
        assertEquals("landrun --best-effort --ro \"${HOME}/it's\"'!'\"x\" -- echo 'it'\\''s!x'",
                LandrunExporter.export(profile(policy)).text());
    }

    @Test
    void aControlCharacterAShellLineCannotShowSafelyIsRefused() {
        Policy policy = Policy.builder().readExec("/usr").command("printf", "\u001b[2J\rlandrun --ro /usr -- ls")
                .build();
        assertEquals("a landrun line cannot hold the control character U+001B (escape) of the word "
                + "\"\\u001B[2J\\u000Dlandrun --ro /usr -- ls\": a shell line can quote a tab or a newline, and no "
                + "other control character", assertThrows(IllegalArgumentException.class,
                () -> LandrunExporter.export(profile(policy))).getMessage());
    }

    @Test
    void tabsAndNewlinesAreQuotedExactly() {
        Policy policy = Policy.builder().readExec("/usr").command("printf", "a\tb\nc").build();
        assertEquals("landrun --best-effort --rox /usr -- printf 'a\tb\nc'", LandrunExporter.export(profile(policy))
                .text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "read_file+truncate | rw | write_file, read_dir, remove_dir, remove_file, make_char, make_dir, make_reg, "
                + "make_sock, make_fifo, make_block, make_sym, refer, ioctl_dev",
        "read_file | ro | read_dir",
        "execute | rox | read_file, read_dir",
        "make_reg+execute | rwx | write_file, read_file, read_dir, remove_dir, remove_file, make_char, make_dir, "
                + "make_sock, make_fifo, make_block, make_sym, refer, truncate, ioctl_dev"})
    void aRightSetLandrunCannotSayIsExportedWiderWithAWarning(String rights, String mode, String wider) {
        RightSet set = new RightSet(java.util.Arrays.stream(rights.split("\\+")).map(FsAccess::byId)
                .collect(java.util.stream.Collectors.toSet()));
        Export export = LandrunExporter.export(profile(Policy.builder().path("/data", set).command("x").build()));
        assertEquals("landrun --best-effort --" + mode + " /data -- x", export.text());
        assertEquals(List.of("/data: landrun has no flag for exactly " + set.label() + ", so the export uses --"
                + mode + ", which also allows " + wider, UDP), export.warnings());
    }

    @Test
    void onlyOneScopeCannotBeSaidAndExportsWider() {
        Export export = LandrunExporter.export(profile(Policy.builder().scopes(List.of(Scope.SIGNAL)).command("x")
                .build()));
        assertTrue(export.text().contains("--unrestricted-scoped"));
        assertEquals(List.of("landrun restricts both scopes or neither: the export leaves connecting to abstract "
                + "UNIX sockets outside the sandbox unrestricted too", UDP), export.warnings());
    }

    @Test
    void aLandrunLineIsWrittenForLandrunsAbiAndAPaddockLineKeepsItsOwn() {
        assertEquals(9, LandrunImporter.parse("landrun --rox /usr --connect-tcp 443 -- curl").profile().policy()
                .abi(), "landrun 0.1.18 restricts what ABI 9 knows, so UDP stays allowed as under landrun");
        assertEquals(11, LandrunImporter.parse("paddock run --rox /usr -- curl").profile().policy().abi());
        assertEquals(10, LandrunImporter.parse("paddock run --abi 10 --rox /usr -- curl").profile().policy().abi());
        assertEquals(11, LandrunImporter.parse("landrun --rox /usr --connect-udp 53 -- dig").profile().policy().abi(),
                "a line with Paddock's UDP flags wants UDP restricted");
    }

    @Test
    void aProfileWrittenForAnOlderAbiThanLandrunsIsExportedNarrowerAndSaysSo() {
        Export export = LandrunExporter.export(profile(Policy.builder().abi(5).readExec("/usr").command("x")
                .build()));
        assertEquals("landrun --best-effort --unrestricted-scoped --rox /usr -- x", export.text());
        assertEquals(List.of("landrun restricts what ABI 9 knows, and this profile was written for ABI 5: the line "
                + "also denies connecting to pathname UNIX sockets"), export.warnings());
    }

    @Test
    void importsAPastedLineWithItsProgramPath() {
        Import result = LandrunImporter.parse("/usr/local/bin/landrun --rox /usr --rw \"$HOME/x y\" \\\n"
                + "  --connect-tcp 80,443 --env 'A=1 2' -- curl -s https://example.org # fetch");
        Policy policy = result.profile().policy();
        assertEquals(Compatibility.STRICT, policy.compatibility());
        assertEquals("${HOME}/x y", policy.paths().get(1).path());
        assertEquals(AccessMode.RW, policy.paths().get(1).access());
        assertEquals(List.of(80, 443), List.copyOf(policy.connectTcp()));
        assertEquals("1 2", policy.environment().get(0).value());
        assertEquals(List.of("curl", "-s", "https://example.org"), policy.command());
        assertEquals("curl (imported)", result.profile().name());
    }

    @Test
    void bestEffortAndPaddockRunLinesImportToo() {
        Policy policy = LandrunImporter.parse("paddock run --best-effort --ro=/etc ls").profile().policy();
        assertEquals(Compatibility.BEST_EFFORT, policy.compatibility());
        assertEquals("/etc", policy.paths().get(0).path());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''| the landrun line is empty",
        "landrun | no command was given: paddock run [FLAGS] [--] COMMAND [ARGS]",
        "landrun --ro | --ro needs a value: PATH",
        "landrun --rox /usr --frobnicate ls | unknown option --frobnicate (see: paddock run --help)",
        "landrun --connect-tcp 70000 -- ls | --connect-tcp 70000 is out of range: use 1 to 65535",
        "landrun --bind-tcp -1 -- ls | --bind-tcp -1 is out of range: use 0 to 65535",
        "landrun --bind-tcp http -- ls | --bind-tcp expects a port number, not \"http\"",
        "landrun --ro /a,,/b -- ls | an empty path or port in \"/a,,/b\"",
        "landrun --ro '/unclosed -- ls | a single quote opened at character 14 is never closed",
        "landrun --ro \"/unclosed -- ls | a double quote opened at character 14 is never closed",
        "landrun --ro /usr -- ls ; rm x | the shell operator ; at character 25 is not part of a single command; "
                + "paste one command",
        "landrun --ro $(pwd) -- ls | command substitution at character 14 cannot be imported; paste the command "
                + "with its values",
        "landrun --ro `pwd` -- ls | the shell operator ` at character 14 is not part of a single command; paste one "
                + "command",
        "landrun --ldd=yes ls | --ldd takes no value",
        "landrun --log-level loud ls | unknown log level \"loud\": use error, info or debug",
        "landrun --env =x ls | \"\" is not a valid environment variable name",
        "landrun --help | the line asks for --help, not for a sandbox",
        "paddock abi | only \"paddock run\" lines can be imported",
        "landrun --ro /x --ro ${1bad} ls | the variable at character 22 is not a plain ${NAME}",
        "landrun --ro /x\\ | the line ends with a lone backslash",
        "paddock run --profile p.json | --profile names a saved profile: open that file instead of importing the "
                + "line"})
    void aBrokenLandrunLineGetsOneSentence(String line, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> LandrunImporter.parse(line))
                .getMessage());
    }

    @Test
    void anImportedLineCannotMakeAProfileTheReaderWouldRefuse() {
        assertEquals("the path \"/srv\\u000Ax\" holds the control character U+000A (newline), which paths may not "
                + "hold", assertThrows(IllegalArgumentException.class,
                () -> LandrunImporter.parse("landrun --ro '/srv\nx' -- ls")).getMessage());
        assertEquals(List.of("printf", "a\tb\nc"),
                LandrunImporter.parse("landrun --ro /usr -- printf 'a\tb\nc'").profile().policy().command());
    }

    @Test
    void aLineBreakOutsideQuotesWouldStartASecondCommandAndIsRefused() {
        for (String line : List.of("landrun --ro /usr -- ls\nrm -rf ~", "landrun --ro /usr -- ls\r\nrm -rf ~",
                "landrun --ro /usr -- ls\rrm -rf ~", "landrun --ro /usr -- ls\u2028rm -rf ~")) {
            assertEquals("the line breaks at character 24, which would start a second command: paste one command, "
                    + "ending each line but the last with a backslash", assertThrows(IllegalArgumentException.class,
                    () -> LandrunImporter.parse(line)).getMessage());
        }
    }

    @Test
    void aCommentDoesNotHideTheNextLine() {
        assertEquals("the line breaks at character 31, which would start a second command: paste one command, "
                + "ending each line but the last with a backslash", assertThrows(IllegalArgumentException.class,
                () -> LandrunImporter.parse("landrun --ro /usr -- ls # list\nrm -rf ~")).getMessage());
    }

    @Test
    void aBackslashAtTheEndOfALineContinuesItAsInTheShellWithUnixOrWindowsLineEnds() {
        Policy policy = LandrunImporter.parse("landrun --ro /usr \\\n  --rw /tmp \\\r\n  -- ls\n").profile()
                .policy();
        assertEquals(List.of("/usr", "/tmp"), policy.paths().stream().map(r -> r.path()).toList());
        assertEquals(List.of("ls"), policy.command());
    }

    @Test
    void aLineBreakInsideQuotesIsPartOfTheWord() {
        assertEquals(List.of("printf", "a\nb", "c\nd"), LandrunImporter.parse("landrun --ro /usr -- printf 'a\nb' "
                + "\"c\nd\"").profile().policy().command());
    }

    @Test
    void anotherControlCharacterOutsideQuotesIsRefused() {
        assertEquals("the control character U+000C (form feed) at character 24 is not part of a shell word: quote it "
                + "or leave it out", assertThrows(IllegalArgumentException.class,
                () -> LandrunImporter.parse("landrun --ro /usr -- ls\f-la")).getMessage());
    }

    @Test
    void importOfExportIsTheSamePolicyForThousandsOfGeneratedProfiles() {
        Random random = new Random(20261122);
        for (int i = 0; i < 3000; i++) {
            Policy policy = randomExpressible(random);
            Export export = LandrunExporter.export(profile(policy));
            assertTrue(export.exact(), export.warnings() + " for " + export.text());
            assertEquals(policy, LandrunImporter.parse(export.text()).profile().policy(), export.text());
        }
    }

    private static final String[] WORDS = {"usr", "my dir", "it's", "Ünïcødé", "a\"b", "x$y", "${HOME}", "--ro",
        "-", "semi;colon", "tab\there", "back\\slash", "*glob?", "~user", "#hash", "new\nline", "=eq", "😀"};

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : random.nextInt(100));
    }

    /** Profiles refuse control characters in paths. */
    private static String pathWord(Random random) {
        String word = word(random);
        return word.contains("\t") || word.contains("\n") ? pathWord(random) : word;
    }

    /** landrun can say every policy written for its ABI, ABI 9, and a landrun line imports as written for it. */
    static Policy randomExpressible(Random random) {
        Policy.Builder builder = Policy.builder().abi(LandrunCommandLine.LANDRUN_ABI);
        int rules = random.nextInt(6);
        for (int r = 0; r < rules; r++) {
            String path = "/" + pathWord(random) + (random.nextBoolean() ? "/" + pathWord(random) : "");
            builder.path(path, random.nextInt(5) == 0 ? RightSet.of(FsAccess.RESOLVE_UNIX)
                    : AccessMode.values()[random.nextInt(4)]);
        }
        for (int p = random.nextInt(3); p > 0; p--) {
            builder.bindTcp(random.nextInt(65536));
        }
        for (int p = random.nextInt(3); p > 0; p--) {
            builder.connectTcp(1 + random.nextInt(65535));
        }
        for (int e = random.nextInt(3); e > 0; e--) {
            String name = "V" + random.nextInt(50);
            if (random.nextBoolean()) {
                builder.passEnv(name);
            } else {
                builder.setEnv(name, word(random));
            }
        }
        builder.unrestrictedFilesystem(random.nextInt(6) == 0).unrestrictedNetwork(random.nextInt(4) == 0)
                .unrestrictedScopes(random.nextInt(4) == 0).ignoreMissing(random.nextBoolean())
                .addExec(random.nextBoolean()).ldd(random.nextBoolean())
                .compatibility(random.nextBoolean() ? Compatibility.STRICT : Compatibility.BEST_EFFORT);
        for (AuditFlag flag : AuditFlag.values()) {
            if (random.nextInt(3) == 0) {
                builder.auditFlag(flag);
            }
        }
        List<String> command = new java.util.ArrayList<>(List.of(word(random)));
        for (int a = random.nextInt(4); a > 0; a--) {
            command.add(word(random));
        }
        return builder.command(command).build();
    }
}
