package dev.paddock.core.profile;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Broken profiles: each gets one sentence naming the field, line and column, and the file is left as it was. */
class MalformedProfileTest {
    @TempDir
    Path dir;

    private static String doc(String fields) {
        return "{\n  \"formatVersion\": 1,\n  \"name\": \"t\",\n" + fields + "\n}\n";
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("not JSON at all", "hello",
                        "p.json: line 1, column 1: this is not valid JSON: unexpected 'hello': a value was expected (text in quotes, "
                                + "a number, [...], {...}, true, false or null)"),
                Arguments.of("a stray bracket", "{\"formatVersion\": 1, \"name\": ]}",
                        "p.json: line 1, column 30: this is not valid JSON: unexpected ']': a value was expected (text in quotes, a "
                                + "number, [...], {...}, true, false or null)"),
                Arguments.of("an array", "[]", "p.json: line 1, column 1: a profile must be a JSON object, not an array"),
                Arguments.of("empty file", "", "p.json: line 1, column 1: a profile must be a JSON object, not the end of the file"),
                Arguments.of("missing version", "{\"name\": \"x\"}",
                        "p.json: line 1, column 1: the field \"formatVersion\" is missing (this Paddock writes 2)"),
                Arguments.of("newer version", "{\"formatVersion\": 3, \"name\": \"x\"}",
                        "p.json: line 1, column 19: formatVersion 3 was written by a newer Paddock; this one reads up to 2"),
                Arguments.of("version 2 without its ABI", "{\"formatVersion\": 2, \"name\": \"x\"}",
                        "p.json: line 1, column 1: the field \"abi\" is missing: the Landlock ABI the profile was written for, 1 to 11"),
                Arguments.of("an ABI this Paddock does not know", "{\"formatVersion\": 2, \"abi\": 12, \"name\": \"x\"}",
                        "p.json: line 1, column 29: the profile was written for Landlock ABI 12, which this Paddock does not know (it "
                                + "knows up to 11): update Paddock"),
                Arguments.of("ABI zero", "{\"formatVersion\": 2, \"abi\": 0, \"name\": \"x\"}",
                        "p.json: line 1, column 29: Landlock ABI 0 does not exist; the first is 1"),
                Arguments.of("an ABI in version 1", "{\"formatVersion\": 1, \"abi\": 9, \"name\": \"x\"}",
                        "p.json: line 1, column 29: the field \"abi\" needs formatVersion 2 (formatVersion 1 profiles were written for "
                                + "ABI 9)"),
                Arguments.of("version zero", "{\"formatVersion\": 0, \"name\": \"x\"}",
                        "p.json: line 1, column 19: formatVersion 0 does not exist; the first format is 1"),
                Arguments.of("version as string", "{\"formatVersion\": \"1\", \"name\": \"x\"}",
                        "p.json: line 1, column 19: the field \"formatVersion\" must be a whole number, not a string"),
                Arguments.of("missing name", "{\"formatVersion\": 1}",
                        "p.json: line 1, column 1: the field \"name\" is missing or empty"),
                Arguments.of("blank name", "{\"formatVersion\": 1, \"name\": \"  \"}",
                        "p.json: line 1, column 1: the field \"name\" is missing or empty"),
                Arguments.of("unknown field", doc("  \"pathz\": []"),
                        "p.json: line 4, column 3: unknown field \"pathz\" (known fields: formatVersion, abi, name, description, notes, "
                                + "command, workingDirectory, environment, paths, bindTcp, connectTcp, bindUdp, "
                                + "connectUdp, quietPorts, scopes, "
                                + "unrestrictedFilesystem, unrestrictedNetwork, ignoreMissing, addExec, ldd, "
                                + "auditFlags, compatibility, hardening, acknowledged)"),
                Arguments.of("duplicate field", doc("  \"notes\": \"a\",\n  \"notes\": \"b\""),
                        "p.json: line 5, column 10: the field \"notes\" appears twice"),
                Arguments.of("name as number", "{\"formatVersion\": 1, \"name\": 5}",
                        "p.json: line 1, column 30: the field \"name\" must be a string, not a number"),
                Arguments.of("command as string", doc("  \"command\": \"ls -l\""),
                        "p.json: line 4, column 14: the field \"command\" must be an array of strings, not a string"),
                Arguments.of("command with a number", doc("  \"command\": [\"ls\", 3]"),
                        "p.json: line 4, column 21: the items of \"command\" must be strings, not a number"),
                Arguments.of("bind port too large", doc("  \"bindTcp\": [80, 70000]"),
                        "p.json: line 4, column 19: the port 70000 in \"bindTcp\" is out of range: use 0 to 65535"),
                Arguments.of("connect port zero", doc("  \"connectTcp\": [0]"),
                        "p.json: line 4, column 18: the port 0 in \"connectTcp\" is out of range: use 1 to 65535"),
                Arguments.of("negative port", doc("  \"bindTcp\": [-1]"),
                        "p.json: line 4, column 15: the port -1 in \"bindTcp\" is out of range: use 0 to 65535"),
                Arguments.of("port as string", doc("  \"connectTcp\": [\"443\"]"),
                        "p.json: line 4, column 18: the items of \"connectTcp\" must be port numbers, not a string"),
                Arguments.of("fractional port", doc("  \"connectTcp\": [44.3]"),
                        "p.json: line 4, column 18: the items of \"connectTcp\" must be port numbers, not a number"),
                Arguments.of("unknown mode", doc("  \"paths\": [{\"path\": \"/usr\", \"mode\": \"rx\"}]"),
                        "p.json: line 4, column 38: unknown mode \"rx\": use ro, rox, rw or rwx"),
                Arguments.of("unknown right", doc("  \"paths\": [{\"path\": \"/usr\", \"rights\": [\"read\"]}]"),
                        "p.json: line 4, column 41: unknown name \"read\" in \"rights\": use execute, write_file, read_file, read_dir, "
                                + "remove_dir, remove_file, make_char, make_dir, make_reg, make_sock, make_fifo, "
                                + "make_block, make_sym, refer, truncate, ioctl_dev, resolve_unix"),
                Arguments.of("empty rights", doc("  \"paths\": [{\"path\": \"/usr\", \"rights\": []}]"),
                        "p.json: line 4, column 30: a path rule's \"rights\" is empty: give at least one right"),
                Arguments.of("mode and rights", doc("  \"paths\": [{\"path\": \"/u\", \"mode\": \"ro\", \"rights\": [\"read_file\"]}]"),
                        "p.json: line 4, column 42: a path rule has both \"mode\" and \"rights\": give one"),
                Arguments.of("rule without access", doc("  \"paths\": [{\"path\": \"/usr\"}]"),
                        "p.json: line 4, column 13: the path rule for \"/usr\" needs a \"mode\" or \"rights\""),
                Arguments.of("rule without path", doc("  \"paths\": [{\"mode\": \"ro\"}]"),
                        "p.json: line 4, column 13: a path rule has no \"path\""),
                Arguments.of("empty path", doc("  \"paths\": [{\"path\": \"\", \"mode\": \"ro\"}]"),
                        "p.json: line 4, column 22: a path rule has an empty \"path\""),
                Arguments.of("unknown rule field", doc("  \"paths\": [{\"path\": \"/u\", \"mod\": \"ro\"}]"),
                        "p.json: line 4, column 28: unknown field \"mod\" in a path rule (known fields: path, mode, rights, quiet, optional)"),
                Arguments.of("rule as string", doc("  \"paths\": [\"/usr\"]"),
                        "p.json: line 4, column 13: the items of \"paths\" must be {\"path\": ..., \"mode\": ...} objects, not a string"),
                Arguments.of("conflicting duplicate path", doc("  \"paths\": [\n    {\"path\": \"/srv\", \"mode\": \"ro\"},\n"
                                + "    {\"path\": \"/srv\", \"mode\": \"rw\"}\n  ]"),
                        "p.json: line 6, column 5: the path \"/srv\" is listed twice with different access (ro at line 5, rw here)"),
                Arguments.of("unknown scope", doc("  \"scopes\": [\"signals\"]"),
                        "p.json: line 4, column 14: unknown name \"signals\" in \"scopes\": use abstract_unix_socket, signal"),
                Arguments.of("unknown audit flag", doc("  \"auditFlags\": [\"log_all\"]"),
                        "p.json: line 4, column 18: unknown name \"log_all\" in \"auditFlags\": use log_same_exec_off, log_new_exec_on, "
                                + "log_subdomains_off"),
                Arguments.of("always-on seccomp rule as hardening", doc("  \"hardening\": [\"udp\", \"terminal\"]"),
                        "p.json: line 4, column 24: unknown name \"terminal\" in \"hardening\": use memfd-exec, metadata, udp, mptcp, "
                                + "listen, foreground"),
                Arguments.of("unknown compatibility", doc("  \"compatibility\": \"lenient\""),
                        "p.json: line 4, column 20: unknown compatibility \"lenient\": use best-effort or strict"),
                Arguments.of("boolean as string", doc("  \"ldd\": \"yes\""),
                        "p.json: line 4, column 10: the field \"ldd\" must be true or false, not a string"),
                Arguments.of("bad environment name", doc("  \"environment\": [\"=oops\"]"),
                        "p.json: line 4, column 19: in \"environment\", \"\" is not a valid environment variable name"),
                Arguments.of("environment as object", doc("  \"environment\": {\"A\": \"b\"}"),
                        "p.json: line 4, column 18: the field \"environment\" must be an array of \"NAME\" or \"NAME=value\" strings, not "
                                + "an object"),
                Arguments.of("newline in a path", doc("  \"paths\": [{\"path\": \"/srv\\nx\", \"mode\": \"ro\"}]"),
                        "p.json: line 4, column 22: in \"paths\", the path \"/srv\\u000Ax\" holds the control character U+000A "
                                + "(newline), which paths may not hold"),
                Arguments.of("line separator in a path",
                        doc("  \"paths\": [{\"path\": \"/srv\u2028\", \"mode\": \"ro\"}]"),
                        "p.json: line 4, column 22: in \"paths\", the path \"/srv\\u2028\" holds the control character U+2028 "
                                + "(line separator), which paths may not hold"),
                Arguments.of("newline in the working directory",
                        doc("  \"workingDirectory\": \"/srv\\nExecStartPre=/bin/sh\""),
                        "p.json: line 4, column 23: in \"workingDirectory\", the working directory \"/srv\\u000AExecStartPre=/bin/sh\" "
                                + "holds the control character U+000A (newline), which it may not hold"),
                Arguments.of("next line in the working directory", doc("  \"workingDirectory\": \"/srv\u0085\""),
                        "p.json: line 4, column 23: in \"workingDirectory\", the working directory \"/srv\\u0085\" holds the control "
                                + "character U+0085 (next line), which it may not hold"),
                Arguments.of("tab in a variable name", doc("  \"environment\": [\"A\\tB=1\"]"),
                        "p.json: line 4, column 19: in \"environment\", the variable name \"A\\u0009B\" holds the control character "
                                + "U+0009 (tab), which names may not hold"),
                Arguments.of("escape in a variable value", doc("  \"environment\": [\"A=\\u001b[2J\"]"),
                        "p.json: line 4, column 19: in \"environment\", the value of A holds the control character U+001B (escape); "
                                + "values may hold a tab or a newline, and no other control character"),
                Arguments.of("carriage return in a command word", doc("  \"command\": [\"echo\", \"a\\rb\"]"),
                        "p.json: line 4, column 23: in \"command\", the command word \"a\\u000Db\" holds the control character U+000D "
                                + "(carriage return); command words may hold a tab or a newline, and no other control "
                                + "character"),
                Arguments.of("delete in a command word", doc("  \"command\": [\"a\\u007f\"]"),
                        "p.json: line 4, column 15: in \"command\", the command word \"a\\u007F\" holds the control character U+007F "
                                + "(delete); command words may hold a tab or a newline, and no other control "
                                + "character"),
                Arguments.of("trailing garbage", "{\"formatVersion\": 1, \"name\": \"x\"}\n{}",
                        "p.json: line 2, column 1: there is more after the end of the profile"),
                Arguments.of("unclosed object", "{\"formatVersion\": 1, \"name\": \"x\"",
                        "p.json: line 1, column 33: this is not valid JSON: the file ends before the closing }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void aBrokenProfileGetsOneSentenceAndTheFileStaysAsItWas(String what, String json, String message)
            throws Exception {
        Path file = dir.resolve("p.json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileFiles.load(file));
        assertEquals(message, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }
}
