package dev.paddock.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Copies of a real program with their program headers rewritten, as an attacker would craft them for {@code --ldd}.
 * Only 64-bit little-endian programs (x86_64, aarch64). New strings are appended to the end of the file, where the
 * kernel and Paddock read them by file offset; nothing that the loaders map moves, so the copy still runs.
 */
public final class HostileElf {
    private static final int PT_INTERP = 3;
    private static final int PT_NOTE = 4;

    private HostileElf() {
    }

    /**
     * A copy of {@code program} that keeps its real interpreter in the first PT_INTERP and names {@code second} in
     * another one, made from its last PT_NOTE (a build-id note nothing needs). The kernel uses only the first, so the
     * copy runs as the original does.
     */
    public static Path withSecondInterpreter(Path program, Path copy, String second) throws IOException {
        ByteBuffer elf = read(program);
        int note = lastHeader(elf, PT_NOTE);
        long offset = append(elf.capacity(), copy, elf, terminated(second));
        rewrite(copy, note, PT_INTERP, offset, second.length() + 1);
        return copy;
    }

    /** A copy of {@code program} whose only PT_INTERP names {@code interpreter} instead (NUL-terminated here). */
    public static Path withInterpreter(Path program, Path copy, String interpreter) throws IOException {
        return withInterpreterBytes(program, copy, terminated(interpreter));
    }

    /** A copy whose PT_INTERP holds exactly these bytes (so a test can leave out or embed the NUL). */
    public static Path withInterpreterBytes(Path program, Path copy, byte[] interpreter) throws IOException {
        ByteBuffer elf = read(program);
        int interp = lastHeader(elf, PT_INTERP);
        long offset = append(elf.capacity(), copy, elf, interpreter);
        rewrite(copy, interp, PT_INTERP, offset, interpreter.length);
        return copy;
    }

    /**
     * A program, built with gcc in {@code where}, that needs libm.so.6 and searches {@code lib} for it first:
     * {@code tags} "--disable-new-dtags" makes that a DT_RPATH, "--enable-new-dtags" a DT_RUNPATH.
     */
    public static Path needingLibmFrom(Path where, Path lib, String tags) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is needed to build the program");
        Path source = Files.writeString(where.resolve("main.c"),
                "#include <math.h>\nint main(int c, char **v) { return (int) cos(c - 1) - 1; }\n");
        Path program = where.resolve("prog");
        Process gcc = new ProcessBuilder("gcc", "-o", program.toString(), source.toString(), "-Wl,-rpath," + lib,
                "-Wl," + tags, "-Wl,--no-as-needed", "-lm").redirectErrorStream(true).start();
        String output = Streams.read(gcc.getInputStream());
        if (gcc.waitFor() != 0) {
            throw new IOException("gcc failed: " + output);
        }
        return program;
    }

    private static byte[] terminated(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, result, 0, bytes.length);
        return result;
    }

    private static ByteBuffer read(Path program) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(program)).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
            throw new IllegalArgumentException(program + " is not a 64-bit little-endian ELF program");
        }
        return elf;
    }

    private static int lastHeader(ByteBuffer elf, int type) {
        int found = -1;
        for (int i = 0; i < phnum(elf); i++) {
            if (elf.getInt(header(elf, i)) == type) {
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("the program has no program header of type " + type);
        }
        return found;
    }

    private static int phnum(ByteBuffer elf) {
        return Short.toUnsignedInt(elf.getShort(56));
    }

    private static int header(ByteBuffer elf, int index) {
        return (int) elf.getLong(32) + index * Short.toUnsignedInt(elf.getShort(54));
    }

    /** Writes the program and then the bytes (8-aligned) to {@code copy}; returns the bytes' file offset. */
    private static long append(int size, Path copy, ByteBuffer elf, byte[] bytes) throws IOException {
        int offset = (size + 7) & ~7;
        byte[] whole = new byte[offset + bytes.length];
        System.arraycopy(elf.array(), 0, whole, 0, size);
        System.arraycopy(bytes, 0, whole, offset, bytes.length);
        Files.write(copy, whole);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        return offset;
    }

    /** Sets the type, file offset and sizes of one program header; its address stays, so nothing mapped moves. */
    private static void rewrite(Path copy, int index, int type, long offset, long size) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(copy)).order(ByteOrder.LITTLE_ENDIAN);
        int at = header(elf, index);
        elf.putInt(at, type);
        elf.putLong(at + 8, offset);
        elf.putLong(at + 32, size);
        elf.putLong(at + 40, size);
        Files.write(copy, elf.array());
    }
}
