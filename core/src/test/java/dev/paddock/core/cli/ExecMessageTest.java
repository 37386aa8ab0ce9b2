package dev.paddock.core.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A script the sandbox may not execute, called as ./hello.sh: the message names it without "/./". */
class ExecMessageTest {

    @Test
    void aRelativeScriptIsNamedByItsCleanPath(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("hello.sh"), "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliTest.Result result = CliTest.paddockIn(dir, "run", "--ro", "/etc", "--", "./hello.sh");
        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("cannot execute " + script + ": permission denied"), result.err());
        assertTrue(result.err().contains("#! script"), "a script's interpreter is named: " + result.err());
        assertFalse(result.err().contains("/./"), result.err());
    }
}
