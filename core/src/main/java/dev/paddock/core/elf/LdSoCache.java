package dev.paddock.core.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads glibc's /etc/ld.so.cache (the "glibc-ld.so.cache1.1" format, alone or after the old "ld.so-1.7.0" table),
 * instead of running {@code ldconfig -p}.
 */
public final class LdSoCache {
    public static final Path DEFAULT = Path.of("/etc/ld.so.cache");
    private static final byte[] NEW_MAGIC = "glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OLD_MAGIC = "ld.so-1.7.0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SIZE = 64 << 20;

    private final Map<String, List<Path>> bySoname;

    private LdSoCache(Map<String, List<Path>> bySoname) {
        this.bySoname = bySoname;
    }

    /** An empty cache, for systems without one. */
    public static LdSoCache empty() {
        return new LdSoCache(Map.of());
    }

    /** Reads the cache; a missing or unreadable cache is empty, a malformed one throws. */
    public static LdSoCache read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            return empty();
        }
        if (Files.size(file) > MAX_SIZE) {
            throw new IOException(file + " is too large to be an ld.so cache");
        }
        try {
            return parse(file, ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder()));
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(file + " is truncated or malformed");
        }
    }

    private static LdSoCache parse(Path file, ByteBuffer data) throws IOException {
        int start = 0;
        if (startsWith(data, 0, OLD_MAGIC)) {
            int oldCount = data.getInt(12);
            start = 16 + oldCount * 12;
            start = (start + 7) & ~7;
        }
        if (!startsWith(data, start, NEW_MAGIC)) {
            throw new IOException(file + " is not in a format Paddock can read");
        }
        int count = data.getInt(start + 20);
        Map<String, List<Path>> result = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int entry = start + 48 + i * 24;
            String key = string(data, start + data.getInt(entry + 4));
            String value = string(data, start + data.getInt(entry + 8));
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(Path.of(value));
        }
        return new LdSoCache(result);
    }

    /** Every path the cache lists for a soname, in its order. */
    public List<Path> lookup(String soname) {
        return bySoname.getOrDefault(soname, List.of());
    }

    private static boolean startsWith(ByteBuffer data, int offset, byte[] magic) {
        if (offset < 0 || data.limit() - offset < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data.get(offset + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String string(ByteBuffer data, int offset) throws IOException {
        if (offset < 0 || offset >= data.limit()) {
            throw new IOException("the ld.so cache has a string offset outside the file");
        }
        int end = offset;
        while (end < data.limit() && data.get(end) != 0) {
            end++;
        }
        return new String(data.array(), offset, end - offset, StandardCharsets.UTF_8);
    }
}
