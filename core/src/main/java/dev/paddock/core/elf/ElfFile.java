package dev.paddock.core.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an ELF file that dynamic linking needs: class, machine, PT_INTERP, DT_NEEDED, DT_RPATH and
 * DT_RUNPATH. It only reads the file, never runs it, and treats every offset as hostile.
 *
 * <p>The interpreter is read as the kernel reads it (binfmt_elf): from the first PT_INTERP, which must be a
 * NUL-terminated path of at most PATH_MAX bytes. A file with more than one PT_INTERP is refused: the kernel would run
 * the first while anything that read another would allow the wrong file, as ldd once did.
 *
 * @param is64     ELFCLASS64
 * @param machine  e_machine
 * @param interpreter the first PT_INTERP path, or null for a static binary or a library
 * @param needed   DT_NEEDED names, in order
 * @param rpath    DT_RPATH entries (colon-split)
 * @param runpath  DT_RUNPATH entries (colon-split)
 */
public record ElfFile(boolean is64, int machine, String interpreter, List<String> needed, List<String> rpath,
                      List<String> runpath) {

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;
    private static final int MAX_DYNAMIC_ENTRIES = 4096;
    private static final int MAX_STRING = 4096;
    /** The kernel's PATH_MAX, the longest PT_INTERP it accepts (with its NUL). */
    private static final int PATH_MAX = 4096;

    /** Whether the file starts with the ELF magic number. */
    public static boolean isElf(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer magic = ByteBuffer.allocate(4);
            return channel.read(magic, 0) == 4 && magic.getInt(0) == 0x7f454c46;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads an ELF file; throws IOException with a sentence if it is not one or is malformed. */
    public static ElfFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new Reader(channel, path).read();
        } catch (IndexOutOfBoundsException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new IOException(path + " is not a well-formed ELF file");
        }
    }

    private static final class Reader {
        private final FileChannel channel;
        private final Path path;
        private final long size;
        private ByteOrder order;
        private boolean is64;

        Reader(FileChannel channel, Path path) throws IOException {
            this.channel = channel;
            this.path = path;
            this.size = channel.size();
        }

        ElfFile read() throws IOException {
            ByteBuffer magic = bytes(0, (int) Math.min(size, 4));
            if (magic.limit() < 4 || magic.get(0) != 0x7f || magic.get(1) != 'E' || magic.get(2) != 'L'
                    || magic.get(3) != 'F') {
                throw new IOException(path + " is not an ELF file");
            }
            ByteBuffer ident = bytes(0, 64);
            is64 = ident.get(4) == 2;
            order = ident.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ident.order(order);
            int machine = Short.toUnsignedInt(ident.getShort(18));
            long phoff = is64 ? ident.getLong(32) : Integer.toUnsignedLong(ident.getInt(28));
            int phentsize = Short.toUnsignedInt(ident.getShort(is64 ? 54 : 42));
            int phnum = Short.toUnsignedInt(ident.getShort(is64 ? 56 : 44));
            if (phentsize < (is64 ? 56 : 32) && phnum > 0) {
                throw new IOException(path + " has a malformed program header table");
            }
            List<long[]> loads = new ArrayList<>();
            String interpreter = null;
            int interpreters = 0;
            long dynamicOffset = -1;
            long dynamicSize = 0;
            for (int i = 0; i < phnum; i++) {
                ByteBuffer ph = bytes(phoff + (long) i * phentsize, is64 ? 56 : 32);
                int type = ph.getInt(0);
                long offset = is64 ? ph.getLong(8) : Integer.toUnsignedLong(ph.getInt(4));
                long vaddr = is64 ? ph.getLong(16) : Integer.toUnsignedLong(ph.getInt(8));
                long filesz = is64 ? ph.getLong(32) : Integer.toUnsignedLong(ph.getInt(16));
                switch (type) {
                    case PT_LOAD -> loads.add(new long[] {vaddr, offset, filesz});
                    case PT_INTERP -> {
                        if (interpreters++ == 0) {
                            interpreter = interpreter(offset, filesz);
                        }
                    }
                    case PT_DYNAMIC -> {
                        dynamicOffset = offset;
                        dynamicSize = filesz;
                    }
                    default -> {
                    }
                }
            }
            if (interpreters > 1) {
                throw new IOException(path + " has " + interpreters + " PT_INTERP program headers, but a program "
                        + "names one ELF interpreter at most");
            }
            List<String> needed = new ArrayList<>();
            List<String> rpath = new ArrayList<>();
            List<String> runpath = new ArrayList<>();
            if (dynamicOffset >= 0) {
                readDynamic(dynamicOffset, dynamicSize, loads, needed, rpath, runpath);
            }
            return new ElfFile(is64, machine, interpreter, List.copyOf(needed), List.copyOf(rpath),
                    List.copyOf(runpath));
        }

        private void readDynamic(long offset, long length, List<long[]> loads, List<String> needed,
                                 List<String> rpath, List<String> runpath) throws IOException {
            int entrySize = is64 ? 16 : 8;
            int count = (int) Math.min(length / entrySize, MAX_DYNAMIC_ENTRIES);
            List<long[]> entries = new ArrayList<>();
            long strtab = -1;
            for (int i = 0; i < count; i++) {
                ByteBuffer entry = bytes(offset + (long) i * entrySize, entrySize);
                long tag = is64 ? entry.getLong(0) : entry.getInt(0);
                long value = is64 ? entry.getLong(8) : Integer.toUnsignedLong(entry.getInt(4));
                if (tag == 0) {
                    break;
                }
                if (tag == DT_STRTAB) {
                    strtab = value;
                }
                entries.add(new long[] {tag, value});
            }
            if (strtab < 0) {
                return;
            }
            long strtabOffset = fileOffset(strtab, loads);
            for (long[] entry : entries) {
                if (entry[0] == DT_NEEDED || entry[0] == DT_RPATH || entry[0] == DT_RUNPATH) {
                    String value = string(strtabOffset + entry[1], MAX_STRING);
                    if (entry[0] == DT_NEEDED) {
                        needed.add(value);
                    } else {
                        for (String dir : value.split(":")) {
                            if (!dir.isEmpty()) {
                                (entry[0] == DT_RPATH ? rpath : runpath).add(dir);
                            }
                        }
                    }
                }
            }
        }

        /**
         * The PT_INTERP path, checked as the kernel checks it (2 to PATH_MAX bytes, the last one NUL), and refused if
         * it holds another NUL, a control character or bytes that are not UTF-8: the kernel would stop at an inner
         * NUL, and a name Java cannot decode exactly would be a rule on some other path.
         */
        private String interpreter(long offset, long filesz) throws IOException {
            if (filesz < 2 || filesz > PATH_MAX) {
                throw new IOException(path + " has a PT_INTERP that is not a NUL-terminated path");
            }
            ByteBuffer bytes = bytes(offset, (int) filesz);
            if (bytes.get((int) filesz - 1) != 0) {
                throw new IOException(path + " has a PT_INTERP that is not a NUL-terminated path");
            }
            for (int i = 0; i < filesz - 1; i++) {
                int b = bytes.get(i) & 0xff;
                if (b < 0x20 || b == 0x7f) {
                    throw new IOException(path + " names an ELF interpreter with a NUL byte or a control character "
                            + "in it");
                }
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(bytes.limit((int) filesz - 1)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IOException(path + " names an ELF interpreter that is not valid UTF-8");
            }
        }

        private long fileOffset(long vaddr, List<long[]> loads) throws IOException {
            for (long[] load : loads) {
                if (vaddr >= load[0] && vaddr - load[0] < load[2]) {
                    return vaddr - load[0] + load[1];
                }
            }
            throw new IOException(path + " has a string table outside its loadable segments");
        }

        private ByteBuffer bytes(long offset, int length) throws IOException {
            if (offset < 0 || length < 0 || offset > size || size - offset < length) {
                throw new IOException(path + " is truncated or has an offset outside the file");
            }
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException(path + " is truncated");
                }
            }
            return buffer.flip().order(order == null ? ByteOrder.LITTLE_ENDIAN : order);
        }

        private String string(long offset, int max) throws IOException {
            int length = (int) Math.min(max, size - offset);
            ByteBuffer buffer = bytes(offset, Math.max(length, 0));
            int end = 0;
            while (end < buffer.limit() && buffer.get(end) != 0) {
                end++;
            }
            return new String(buffer.array(), 0, end, StandardCharsets.UTF_8);
        }
    }
}
