package dev.paddock.core.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * NUL-terminated strings and NULL-terminated string arrays (argv, envp) in one native block, allocated up front so
 * that a thread that spawns after confining itself allocates nothing.
 */
public final class CStrings implements AutoCloseable {
    private final Memory memory;

    private CStrings(Memory memory) {
        this.memory = memory;
    }

    /** A single C string. */
    public static CStrings of(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return new CStrings(memory);
    }

    /**
     * {@code value} as a NUL-terminated UTF-8 string for a native call, in {@code buffer} when it fits (an ASCII
     * value, the common case, is copied without allocating), else in a new array.
     */
    public static byte[] encode(String value, byte[] buffer) {
        int length = value.length();
        if (length < buffer.length) {
            int i = 0;
            while (i < length) {
                char c = value.charAt(i);
                if (c == 0 || c >= 0x80) {
                    break;
                }
                buffer[i++] = (byte) c;
            }
            if (i == length) {
                buffer[length] = 0;
                return buffer;
            }
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }

    /** A char*[] terminated by NULL, with the strings stored after the pointer table. */
    public static CStrings array(List<String> values) {
        int pointerSize = Native.POINTER_SIZE;
        long table = (values.size() + 1L) * pointerSize;
        byte[][] encoded = new byte[values.size()][];
        long total = table;
        for (int i = 0; i < values.size(); i++) {
            encoded[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            total += encoded[i].length + 1L;
        }
        Memory memory = new Memory(total);
        long offset = table;
        for (int i = 0; i < encoded.length; i++) {
            memory.setPointer((long) i * pointerSize, memory.share(offset));
            memory.write(offset, encoded[i], 0, encoded[i].length);
            memory.setByte(offset + encoded[i].length, (byte) 0);
            offset += encoded[i].length + 1L;
        }
        memory.setPointer((long) values.size() * pointerSize, Pointer.NULL);
        return new CStrings(memory);
    }

    public Pointer pointer() {
        return memory;
    }

    @Override
    public void close() {
        memory.close();
    }
}
