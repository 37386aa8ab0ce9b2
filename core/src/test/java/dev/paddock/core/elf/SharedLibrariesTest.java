package dev.paddock.core.elf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ELF parsing on this system's real binaries, and on hostile input. */
class SharedLibrariesTest {

    @Test
    void readsTheInterpreterAndNeededLibrariesOfARealProgram() throws IOException {
        ElfFile ls = ElfFile.read(Path.of("/usr/bin/ls"));
        assertTrue(ls.is64());
        assertNotNull(ls.interpreter());
        assertTrue(ls.needed().contains("libc.so.6"), ls.needed().toString());
    }

    @Test
    void resolvesLibrariesRecursivelyWithoutRunningAnything() throws Exception {
        SharedLibraries libraries = SharedLibraries.of(Path.of("/usr/bin/python3"), null);
        assertTrue(Files.exists(libraries.interpreter()));
        assertTrue(libraries.libraries().stream().anyMatch(p -> p.getFileName().toString().equals("libc.so.6")));
        assertTrue(libraries.libraries().stream().anyMatch(p -> p.getFileName().toString().startsWith("libm.so")));
        assertEquals(java.util.List.of(), libraries.missing());
        assertFalse(libraries.libraries().contains(libraries.interpreter()));
    }

    @Test
    void theLdSoCacheIsReadDirectly() throws IOException {
        LdSoCache cache = LdSoCache.read(LdSoCache.DEFAULT);
        assertFalse(cache.lookup("libc.so.6").isEmpty());
        assertTrue(cache.lookup("libdoes-not-exist.so.9").isEmpty());
    }

    @Test
    void aScriptIsNotAnElfFile(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("s.sh"), "#!/bin/sh\necho hi\n");
        assertFalse(ElfFile.isElf(script));
        IOException e = assertThrows(IOException.class, () -> ElfFile.read(script));
        assertTrue(e.getMessage().contains("is not an ELF file"), e.getMessage());
    }

    @Test
    void truncatedAndCorruptedBinariesFailCleanly(@TempDir Path dir) throws IOException {
        byte[] real = Files.readAllBytes(Path.of("/usr/bin/true"));
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] broken = i % 3 == 0 ? Arrays.copyOf(real, random.nextInt(200)) : real.clone();
            if (i % 3 != 0) {
                for (int j = 0; j < 20; j++) {
                    broken[random.nextInt(Math.min(broken.length, 4096))] = (byte) random.nextInt();
                }
            }
            Path file = Files.write(dir.resolve("broken" + i), broken);
            try {
                ElfFile.read(file);
            } catch (IOException expected) {
                assertTrue(expected.getMessage().contains(file.toString()), expected.getMessage());
            }
        }
    }
}
