package dev.paddock.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.policy.RightSet;
import dev.paddock.core.profile.ControlCharacters;
import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.testing.DesktopFiles;
import dev.paddock.core.testing.SystemdUnits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** landlockconfig, the kernel's sandboxer, systemd units and desktop entries. */
class OtherFormatsTest {

    private static Profile profile(Policy policy) {
        return new Profile("Web server", "Serves files", "", policy);
    }

    private static Policy web() {
        return Policy.builder().readExec("/usr").readOnly("/srv/site dir").readWrite("/tmp").bindTcp(8080)
                .connectTcp(5432).command("python3", "-m", "http.server").build();
    }

    @Test
    void landlockConfigExportSpellsOutEveryRightAndGroupsPathsByRights() throws Exception {
        Export export = LandlockConfigExporter.export(profile(web()), Map.of());
        JsonNode json = new ObjectMapper().readTree(export.text());
        assertEquals(16, json.path("ruleset").get(0).path("handledAccessFs").size());
        assertEquals("[\"bind_tcp\",\"connect_tcp\",\"bind_udp\",\"connect_send_udp\"]",
                json.path("ruleset").get(0).path("handledAccessNet").toString());
        assertEquals("[\"abstract_unix_socket\",\"signal\"]", json.path("ruleset").get(0).path("scoped").toString());
        assertEquals("[\"execute\",\"read_file\",\"read_dir\"]",
                json.path("pathBeneath").get(0).path("allowedAccess").toString());
        assertEquals("[\"/usr\"]", json.path("pathBeneath").get(0).path("parent").toString());
        assertEquals("[{\"allowedAccess\":[\"bind_tcp\"],\"port\":[8080]},{\"allowedAccess\":[\"connect_tcp\"],"
                + "\"port\":[5432]}]", json.path("netPort").toString());
        assertTrue(export.warnings().contains("landlockconfig cannot name resolve_unix (ABI 9): the export leaves "
                + "connecting to pathname UNIX sockets unrestricted"), export.warnings().toString());
    }

    @Test
    void udpGoesToEveryFormatThatCanSayIt() throws Exception {
        Policy policy = Policy.builder().readExec("/usr").connectTcp(443).connectUdp(53).bindUdp(5353)
                .command("dig").build();
        JsonNode json = new ObjectMapper().readTree(LandlockConfigExporter.export(profile(policy), Map.of()).text());
        assertEquals("[{\"allowedAccess\":[\"connect_tcp\"],\"port\":[443]},{\"allowedAccess\":[\"bind_udp\"],"
                + "\"port\":[5353]},{\"allowedAccess\":[\"connect_send_udp\"],\"port\":[53]}]",
                json.path("netPort").toString());
        Policy back = LandlockConfigImporter.parse(LandlockConfigExporter.export(profile(policy), Map.of()).text())
                .profile().policy();
        assertEquals(policy.bindUdp(), back.bindUdp());
        assertEquals(policy.connectUdp(), back.connectUdp());
        assertEquals("env -i LL_FS_RO=/usr LL_FS_RW= LL_TCP_BIND= LL_TCP_CONNECT=443 LL_UDP_BIND=5353 "
                + "LL_UDP_CONNECT_SEND=53 LL_SCOPED=a:s sandboxer dig", SandboxerExporter.export(profile(policy))
                .text());
        Export landrun = LandrunExporter.export(profile(policy));
        assertEquals("landrun --best-effort --rox /usr --connect-tcp 443 -- dig", landrun.text());
        assertTrue(landrun.warnings().contains("landrun cannot restrict UDP (it knows Landlock up to ABI 9): the "
                + "export leaves UDP unrestricted, which this profile denies from ABI 10 (Linux 7.2) except bind "
                + "5353, send to 53"), landrun.warnings().toString());
    }

    @Test
    void quietRulesGoToTheSandboxerAndTheOtherFormatsSayTheyCannot() {
        Policy policy = Policy.builder().readExec("/usr").rule(new dev.paddock.core.policy.PathRule("/var/log",
                AccessMode.RO, true)).connectTcp(443).quietPorts(443).command("x").build();
        assertEquals("env -i LL_FS_RO=/usr:/var/log LL_FS_RW= LL_TCP_BIND= LL_TCP_CONNECT=443 LL_UDP_BIND= "
                + "LL_UDP_CONNECT_SEND= LL_FS_QUIET=/var/log LL_NET_QUIET=443 LL_SCOPED=a:s sandboxer x",
                SandboxerExporter.export(profile(policy)).text());
        String quiet = " has no quiet flag: the quiet rules (/var/log, port 443) are exported as ordinary rules, "
                + "whose denials are logged";
        assertTrue(LandlockConfigExporter.export(profile(policy), Map.of()).warnings().contains("landlockconfig"
                + quiet));
        assertTrue(LandrunExporter.export(profile(policy)).warnings().contains("landrun" + quiet));
    }

    @Test
    void formatsWithoutOptionalRulesSayTheyFailWhereTheProfileSkips() {
        Policy policy = Policy.builder().readExec("/usr").rule(new dev.paddock.core.policy.PathRule("/lib64",
                AccessMode.ROX, false, true)).command("x").build();
        assertTrue(LandrunExporter.export(profile(policy)).warnings().contains("landrun cannot make one rule "
                + "optional: where /lib64 is missing, the export fails instead of skipping it (--ignore-missing skips "
                + "every missing path)"));
        assertTrue(SandboxerExporter.export(profile(policy)).warnings().contains("the sandboxer cannot make one rule "
                + "optional: where /lib64 is missing, the export fails instead of skipping it"));
        assertTrue(LandlockConfigExporter.export(profile(policy), Map.of()).warnings().contains("landlockconfig "
                + "cannot make one rule optional: where /lib64 is missing, the export fails instead of skipping it"));
        assertFalse(LandrunExporter.export(profile(policy.toBuilder().ignoreMissing(true).build())).warnings()
                .stream().anyMatch(w -> w.contains("optional")), "--ignore-missing says it, for every rule");
    }

    @Test
    void landlockConfigExportGivesFilesOnlyFileRights(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("f"), "x");
        Policy policy = Policy.builder().readOnly(file.toString(), dir.toString()).command("cat").build();
        JsonNode json = new ObjectMapper().readTree(LandlockConfigExporter.export(profile(policy), Map.of()).text());
        assertEquals("[{\"allowedAccess\":[\"read_file\"],\"parent\":[\"" + file + "\"]},{\"allowedAccess\":"
                + "[\"read_file\",\"read_dir\"],\"parent\":[\"" + dir + "\"]}]", json.path("pathBeneath").toString());
    }

    @Test
    void landlockConfigRoundTripKeepsTheSandbox() {
        Policy policy = web();
        Import back = LandlockConfigImporter.parse(LandlockConfigExporter.export(profile(policy), Map.of()).text());
        Policy imported = back.profile().policy();
        assertEquals(policy.paths(), imported.paths());
        assertEquals(policy.bindTcp(), imported.bindTcp());
        assertEquals(policy.connectTcp(), imported.connectTcp());
        assertEquals(policy.scopes(), imported.scopes());
        assertFalse(imported.unrestrictedFilesystem() || imported.unrestrictedNetwork());
    }

    @Test
    void landlockConfigVariablesAreDefinedFromThisMachine() throws Exception {
        Policy policy = Policy.builder().readOnly("${HOME}/docs").command("ls").build();
        Export export = LandlockConfigExporter.export(profile(policy), Map.of("HOME", "/home/ann"));
        JsonNode json = new ObjectMapper().readTree(export.text());
        assertEquals("{\"name\":\"HOME\",\"literal\":[\"/home/ann\"]}", json.path("variable").get(0).toString());
        assertEquals("/home/ann/docs",
                LandlockConfigImporter.parse(export.text()).profile().policy().paths().get(0).path());
    }

    @Test
    void landlockConfigImportResolvesGroupsVariablesAndSeveralRulesets() {
        String config = """
                {
                  "abi": 2,
                  "variable": [{"name": "dirs", "literal": ["/a", "/b"]}],
                  "ruleset": [{"handledAccessFs": ["abi.all"]}, {"handledAccessNet": ["connect_tcp"]}],
                  "pathBeneath": [
                    {"allowedAccess": ["abi.read_execute"], "parent": ["${dirs}/bin"]},
                    {"allowedAccess": ["abi.read_write"], "parent": ["/tmp"]}
                  ],
                  "netPort": [{"allowedAccess": ["connect_tcp"], "port": [443]}]
                }
                """;
        Import result = LandlockConfigImporter.parse(config);
        Policy policy = result.profile().policy();
        assertEquals(List.of("/a/bin", "/b/bin", "/tmp"), policy.paths().stream().map(r -> r.path()).toList());
        assertEquals(new RightSet(EnumSet.of(FsAccess.EXECUTE, FsAccess.READ_FILE, FsAccess.READ_DIR,
                FsAccess.REFER)), policy.paths().get(0).access());
        // abi.read_write on ABI 2 means every right but execute that ABI 2 knows: no truncate, no ioctl_dev
        EnumSet<FsAccess> readWrite = EnumSet.copyOf(AccessMode.RW.rightsFor(true));
        readWrite.removeAll(EnumSet.of(FsAccess.TRUNCATE, FsAccess.IOCTL_DEV));
        assertEquals(new RightSet(readWrite), policy.paths().get(2).access());
        assertEquals(List.of(443), List.copyOf(policy.connectTcp()));
        assertTrue(policy.unrestrictedScopes());
        assertEquals(2, result.warnings().size(), result.warnings().toString());
        assertEquals(4, policy.abi(), "written for the newest right the config names, connect_tcp");
        assertTrue(result.warnings().get(0).startsWith("the config leaves truncate unrestricted"),
                result.warnings().get(0));
        assertTrue(result.warnings().get(1).startsWith("the config leaves bind_tcp unrestricted"));
    }

    @Test
    void landlockConfigJsonHoldsAnyPathExactlyButTheImportRefusesControlCharacters() throws Exception {
        String path = "/a \"q\" \\ $x %y\n\u001b\u2028é";
        Export export = LandlockConfigExporter.export(profile(Policy.builder().readOnly(path).command("x").build()),
                Map.of());
        assertEquals(path, new ObjectMapper().readTree(export.text()).path("pathBeneath").get(0).path("parent").get(0)
                .asText());
        assertEquals("the path \"/a \"q\" \\ $x %y\\u000A\\u001B\\u2028é\" holds the control character U+000A "
                + "(newline), which paths may not hold", assertThrows(IllegalArgumentException.class,
                () -> LandlockConfigImporter.parse(export.text())).getMessage());
    }

    @Test
    void landlockConfigWithoutRulesetInfersTheHandledSet() {
        Import result = LandlockConfigImporter.parse("""
                {"pathBeneath": [{"allowedAccess": ["read_file", "read_dir"], "parent": ["/etc"]}]}
                """);
        Policy policy = result.profile().policy();
        assertEquals(AccessMode.RO, policy.paths().get(0).access());
        assertTrue(policy.unrestrictedNetwork());
        assertFalse(policy.unrestrictedFilesystem());
        assertTrue(result.warnings().get(0).contains("Paddock restricts every filesystem right"));
    }

    @Test
    void brokenLandlockConfigsGetOneSentence() {
        assertEquals("the group abi.all needs an \"abi\" to say which rights it means",
                assertThrows(IllegalArgumentException.class, () -> LandlockConfigImporter.parse(
                        "{\"ruleset\": [{\"handledAccessNet\": [\"abi.all\"]}]}")).getMessage());
        assertEquals("unknown landlockconfig field \"rules\"", assertThrows(IllegalArgumentException.class,
                () -> LandlockConfigImporter.parse("{\"rules\": []}")).getMessage());
        assertEquals("unknown filesystem right \"read\"", assertThrows(IllegalArgumentException.class,
                () -> LandlockConfigImporter.parse("{\"pathBeneath\": [{\"allowedAccess\": [\"read\"], "
                        + "\"parent\": [\"/\"]}]}")).getMessage());
        assertEquals("the path \"${nope}/x\" uses ${nope}, which the config does not define",
                assertThrows(IllegalArgumentException.class, () -> LandlockConfigImporter.parse("{\"pathBeneath\": "
                        + "[{\"allowedAccess\": [\"read_file\"], \"parent\": [\"${nope}/x\"]}]}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LandlockConfigImporter.parse("{"))
                .getMessage().startsWith("this is not valid JSON"));
    }

    @Test
    void sandboxerExportUsesItsTwoClassesAndWarnsAboutExecute() {
        Export export = SandboxerExporter.export(profile(web()));
        assertEquals("env -i 'LL_FS_RO=/usr:/srv/site dir' LL_FS_RW=/tmp LL_TCP_BIND=8080 LL_TCP_CONNECT=5432 "
                + "LL_UDP_BIND= LL_UDP_CONNECT_SEND= LL_SCOPED=a:s sandboxer python3 -m http.server", export.text());
        assertTrue(export.warnings().contains("the sandboxer's LL_FS_RO includes execute: ro paths become executable"));
        assertTrue(export.warnings().contains("/tmp: exported in LL_FS_RW, which also allows executing and every write "
                + "right (rw was asked)"));
        assertTrue(export.warnings().stream().anyMatch(w -> w.contains("per-file modes")));
    }

    @Test
    void sandboxerKeepsDenyAllPortsAndOpenScopes() {
        Policy policy = Policy.builder().readExec("/usr").unrestrictedScopes(true).command("x").build();
        assertEquals("env -i LL_FS_RO=/usr LL_FS_RW= LL_TCP_BIND= LL_TCP_CONNECT= LL_UDP_BIND= "
                + "LL_UDP_CONNECT_SEND= sandboxer x",
                SandboxerExporter.export(profile(policy)).text());
        assertTrue(SandboxerExporter.export(profile(policy)).text().indexOf("LL_SCOPED") < 0);
    }

    @Test
    void sandboxerPassesVariablesThroughTheShellAndKeepsCommandWordsLiteral() {
        Policy policy = Policy.builder().readExec("${HOME}/bin").passEnv("HOME").setEnv("A", "$B")
                .command("echo", "${HOME}").build();
        assertEquals("env -i \"LL_FS_RO=${HOME}/bin\" LL_FS_RW= LL_TCP_BIND= LL_TCP_CONNECT= LL_UDP_BIND= "
                + "LL_UDP_CONNECT_SEND= LL_SCOPED=a:s "
                + "\"HOME=${HOME}\" 'A=$B' sandboxer echo '${HOME}'", SandboxerExporter.export(profile(policy)).text());
    }

    @Test
    void sandboxerRefusesAVariableTheShellCannotExpand() {
        Policy policy = Policy.builder().passEnv("my-var").command("x").build();
        assertEquals("the sandboxer line passes variables through the shell, which cannot expand one named "
                + "\"my-var\": set its value instead", assertThrows(IllegalArgumentException.class,
                () -> SandboxerExporter.export(profile(policy))).getMessage());
    }

    @Test
    void sandboxerRefusesAControlCharacterAShellLineCannotShowSafely() {
        Policy policy = Policy.builder().setEnv("A", "\u001b]0;title\u0007").command("x").build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SandboxerExporter.export(profile(policy)))
                .getMessage().startsWith("a sandboxer line cannot hold the control character U+001B (escape)"));
    }

    @Test
    void systemdUnitRunsTheProfileThroughPaddock() {
        Export export = SystemdUnitExporter.export(profile(web()), Path.of("/home/ann/p 1.json"),
                SystemdUnitExporter.Runner.PADDOCK, List.of("/usr/bin/paddock"));
        assertEquals("""
                [Unit]
                Description=Web server (Paddock sandbox)
                # Serves files

                [Service]
                Type=exec
                ExecStart=/usr/bin/paddock run --profile "/home/ann/p 1.json"

                [Install]
                WantedBy=default.target
                """, export.text());
    }

    @Test
    void aPwdProfileExportedAsAUnitOrAMenuEntryRunsInTheFolderItWasExportedFrom() throws Exception {
        Policy policy = Policy.builder().readExec("/usr").readWrite("${PWD}").command("make").build();
        String here = Path.of("").toAbsolutePath().toString();
        Export unit = SystemdUnitExporter.export(profile(policy), Path.of("/p.json"),
                SystemdUnitExporter.Runner.PADDOCK, List.of("/usr/bin/paddock"));
        assertTrue(SystemdUnits.directives(unit.text()).stream().anyMatch(d -> d.key().equals("WorkingDirectory")
                && d.value().equals(here)), unit.text());
        assertTrue(unit.warnings().stream().anyMatch(w -> w.contains("systemd starts a unit in /")),
                unit.warnings().toString());
        Export entry = DesktopEntryExporter.export(profile(policy), Path.of("/p.json"), List.of("/usr/bin/paddock"),
                false);
        assertEquals(here, DesktopFiles.unescape(DesktopFiles.value(entry.text(), "Path")), entry.text());
        assertFalse(entry.warnings().isEmpty());
        Policy pinned = Policy.builder().readExec("/usr").readWrite("/srv").workingDirectory("/srv")
                .command("make").build();
        assertFalse(SystemdUnitExporter.export(profile(pinned), Path.of("/p.json"),
                SystemdUnitExporter.Runner.PADDOCK, List.of("/usr/bin/paddock")).text().contains("WorkingDirectory"),
                "a profile that does not use ${PWD} runs the same from any folder");
        // ${PWD} is the folder paddock starts in, whatever the profile's working directory: a unit started in /
        // would expand a ${PWD} rule to / (refused), so the unit runs where it was exported
        Policy pinnedWithPwd = Policy.builder().readExec("/usr").readWrite("${PWD}").workingDirectory("/srv")
                .command("make").build();
        assertTrue(SystemdUnitExporter.export(profile(pinnedWithPwd), Path.of("/p.json"),
                SystemdUnitExporter.Runner.PADDOCK, List.of("/usr/bin/paddock")).text()
                .contains("WorkingDirectory=" + here + "\n"));
    }

    @Test
    void theBundledWebServerExportedAsAUnitOrAMenuEntryWarnsAsTheLandrunExportDoes() throws Exception {
        // http-server.json has "workingDirectory": "${PWD}" and a ${PWD} rule; before, systemd and desktop said nothing
        Path file = Path.of("..", "profiles", "http-server.json");
        Profile server = ProfileFiles.load(file);
        String here = Path.of("").toAbsolutePath().toString();
        assertTrue(LandrunExporter.export(server).warnings().stream().anyMatch(w -> w.contains("run the line from "
                + "${PWD}")));
        Export unit = SystemdUnitExporter.export(server, file, SystemdUnitExporter.Runner.PADDOCK,
                List.of("/usr/bin/paddock"));
        assertTrue(unit.text().contains("WorkingDirectory=" + here + "\n"), unit.text());
        assertEquals(List.of("the profile's ${PWD} rules follow the folder it runs in, and systemd starts a unit in /: "
                + "the unit runs in " + here + ", the folder it was exported from"), unit.warnings());
        Export entry = DesktopEntryExporter.export(server, file, List.of("/usr/bin/paddock"), false);
        assertEquals(here, DesktopFiles.unescape(DesktopFiles.value(entry.text(), "Path")), entry.text());
        assertEquals(List.of("the profile's ${PWD} rules follow the folder it runs in, and a menu starts it in your "
                + "home or in /: the entry runs it in " + here + ", the folder it was made from"), entry.warnings());
    }

    @Test
    void systemdUnitCanRunTheLandrunLine() {
        Policy policy = Policy.builder().readExec("/usr").workingDirectory("/srv").command("echo", "100%", "$x")
                .build();
        Export export = SystemdUnitExporter.export(profile(policy), Path.of("/p.json"),
                SystemdUnitExporter.Runner.LANDRUN, List.of());
        assertTrue(export.text().contains("ExecStart=landrun --best-effort --rox /usr -- echo 100%% $$x\n"),
                export.text());
        assertTrue(export.text().contains("WorkingDirectory=/srv\n"));
    }

    private static Export landrunUnit(Policy policy) {
        return SystemdUnitExporter.export(profile(policy), Path.of("/p.json"), SystemdUnitExporter.Runner.LANDRUN,
                List.of());
    }

    private static List<String> directiveNames(String unit) {
        return SystemdUnits.directives(unit).stream().map(SystemdUnits.Directive::name).toList();
    }

    private static List<String> execStart(String unit) {
        return SystemdUnits.execWords(SystemdUnits.directives(unit).stream()
                .filter(d -> d.key().equals("ExecStart")).findFirst().orElseThrow().value());
    }

    @Test
    void aNewlineInTheWorkingDirectoryCannotAddADirective() {
        Policy policy = Policy.builder().readExec("/usr").workingDirectory("/srv\nExecStartPre=/bin/sh -c evil")
                .command("ls").build();
        assertEquals("a systemd unit cannot hold the working directory \"/srv\\u000AExecStartPre=/bin/sh -c evil\": "
                + "it holds the control character U+000A (newline)",
                assertThrows(IllegalArgumentException.class, () -> landrunUnit(policy)).getMessage());
    }

    @Test
    void aWorkingDirectorySystemdWouldReadDifferentlyIsRefused() {
        for (String directory : List.of("/srv/trailing ", "/srv/continues\\")) {
            Policy policy = Policy.builder().workingDirectory(directory).command("ls").build();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> landrunUnit(policy)).getMessage()
                    .startsWith("systemd would read the working directory"), directory);
        }
    }

    @Test
    void aWorkingDirectorySystemdCannotTakeIsLeftOutWithAWarning() {
        for (String directory : List.of("relative", "${HOME}/x", "/srv/../etc")) {
            Export export = landrunUnit(Policy.builder().workingDirectory(directory).command("ls").build());
            assertFalse(export.text().contains("WorkingDirectory="), export.text());
            assertTrue(export.warnings().contains("systemd needs an absolute WorkingDirectory= without variables or "
                    + "..: the unit leaves out " + directory + "; set it by hand"), export.warnings().toString());
        }
    }

    @Test
    void percentSignsInTheWorkingDirectoryAreNotSpecifiers() {
        Export export = landrunUnit(Policy.builder().workingDirectory("/srv/100%").command("ls").build());
        assertTrue(export.text().contains("WorkingDirectory=/srv/100%%\n"), export.text());
    }

    @Test
    void controlCharactersInCommandWordsStayInsideExecStart() {
        List<String> command = List.of("printf", "a\rExecStartPre=/bin/evil", "b\nExecStartPre=/bin/evil",
                "\u001b[2J", "e\u2028f", "\u0085");
        Export export = landrunUnit(Policy.builder().readExec("/usr").command(command).build());
        assertEquals(List.of("Unit/Description", "Service/Type", "Service/ExecStart", "Install/WantedBy"),
                directiveNames(export.text()), export.text());
        assertEquals(command, execStart(export.text()).subList(5, 5 + command.size()));
    }

    @Test
    void commandWordsAreLiteralWhilePathsKeepTheirVariables() {
        Export export = landrunUnit(Policy.builder().readExec("${HOME}/bin").command("echo", "${HOME}", "$x", "%h",
                ";").build());
        assertTrue(export.text().contains("ExecStart=landrun --best-effort --rox ${HOME}/bin -- echo $${HOME} $$x "
                + "%%h \";\"\n"), export.text());
    }

    @Test
    void theProgramCannotStartWithAnExecPrefix() {
        for (String program : List.of("+/usr/bin/paddock", "-x", "@x", "!x", ":x", "", "/usr/bin/pad\ndock")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> SystemdUnitExporter.export(profile(web()),
                    Path.of("/p.json"), SystemdUnitExporter.Runner.PADDOCK, List.of(program))).getMessage()
                    .startsWith("systemd cannot run the program \""), program);
        }
    }

    @Test
    void theNameAndDescriptionCannotBreakTheirLines() {
        Profile profile = new Profile("50% \r[Service]\u0000ExecStartPre=/bin/evil", "two\rExecStartPre=/bin/evil\\",
                "", web());
        Export export = SystemdUnitExporter.export(profile, Path.of("/home/ann/p\n%h $x.json"),
                SystemdUnitExporter.Runner.PADDOCK, List.of("/usr/bin/paddock"));
        assertEquals(List.of("Unit/Description", "Service/Type", "Service/ExecStart", "Install/WantedBy"),
                directiveNames(export.text()), export.text());
        assertTrue(export.text().contains("Description=50%% [Service] ExecStartPre=/bin/evil (Paddock sandbox)\n"),
                export.text());
        assertEquals(List.of("/usr/bin/paddock", "run", "--profile", "/home/ann/p\n%h $x.json"),
                execStart(export.text()));
    }

    private static final List<String> DESKTOP_KEYS = List.of("Type", "Version", "Name", "Comment", "Exec", "Icon",
            "Terminal", "Categories", "X-Paddock-Profile");

    private static List<String> desktopKeys(String text) {
        return DesktopFiles.entries(text).stream().map(DesktopFiles.Entry::key).toList();
    }

    /** Only the newlines that end lines: every other control character must be escaped or gone. */
    private static void assertNoRawControlCharacters(String text) {
        assertEquals(-1, ControlCharacters.find(text.replace("\n", "")), text);
    }

    @Test
    void aControlCharacterADesktopEntryCannotSpellIsRefusedInExec() {
        assertEquals("a desktop entry cannot hold the control character U+001B (escape) of the word "
                + "\"/home/ann/\\u001B[2J.json\" in Exec", assertThrows(IllegalArgumentException.class,
                () -> DesktopEntryExporter.export(profile(web()), Path.of("/home/ann/\u001b[2J.json"),
                        List.of("/usr/bin/paddock"), false)).getMessage());
    }

    @Test
    void tabsNewlinesAndCarriageReturnsInExecAreQuotedAndEscaped() {
        Path file = Path.of("/home/ann/a\rb\nX-Evil=1\td %f $HOME `q` \"q\" \\.json");
        Export export = DesktopEntryExporter.export(profile(web()), file, List.of("/usr/bin/paddock"), false);
        assertNoRawControlCharacters(export.text());
        assertEquals(DESKTOP_KEYS, desktopKeys(export.text()));
        assertEquals(List.of("/usr/bin/paddock", "run", "--profile", file.toString()),
                DesktopFiles.execWords(DesktopFiles.value(export.text(), "Exec")));
        assertEquals(file.toString(), DesktopFiles.unescape(DesktopFiles.value(export.text(), "X-Paddock-Profile")));
    }

    @Test
    void theNameAndCommentCannotBreakTheirLinesAndKeepALeadingSpace() {
        Export export = DesktopEntryExporter.export(new Profile(" Tool\u0000X-Evil=1", "a\u001bb\u2028c\rd", "",
                web()), Path.of("/p.json"), List.of("/usr/bin/paddock"), false);
        assertNoRawControlCharacters(export.text());
        assertEquals(DESKTOP_KEYS, desktopKeys(export.text()));
        assertEquals(" Tool X-Evil=1", DesktopFiles.unescape(DesktopFiles.value(export.text(), "Name")));
        assertEquals("a b c\rd", DesktopFiles.unescape(DesktopFiles.value(export.text(), "Comment")));
    }

    @Test
    void desktopEntryLaunchesTheProfile() {
        Export export = DesktopEntryExporter.export(new Profile("My \"tool\"", "Does\nthings", "", web()),
                Path.of("/home/ann/My Tool.json"), List.of("/usr/bin/paddock"), false);
        assertEquals("""
                [Desktop Entry]
                Type=Application
                Version=1.4
                Name=My "tool"
                Comment=Does\\nthings
                Exec=/usr/bin/paddock run --profile "/home/ann/My Tool.json"
                Icon=dev.paddock.Paddock
                Terminal=false
                Categories=Utility;
                X-Paddock-Profile=/home/ann/My Tool.json
                """, export.text());
        assertEquals("\"a\\\\\\\\b\"", DesktopEntryExporter.execLine(List.of("a\\b")));
    }
}
