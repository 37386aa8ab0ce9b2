package dev.paddock.core.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small assembler for classic BPF as seccomp runs it: loads from seccomp_data, forward jumps to labels, returns.
 * Labels keep the filter readable and the jump offsets right; {@link #assemble()} checks every offset fits.
 */
public final class Bpf {
    static final int LD_W_ABS = 0x20;
    static final int ALU_AND_K = 0x54;
    static final int JMP_JA = 0x05;
    static final int JMP_JEQ_K = 0x15;
    static final int JMP_JGE_K = 0x35;
    static final int JMP_JSET_K = 0x45;
    static final int RET_K = 0x06;

    /** One instruction: the encoded fields plus, for listings, what it does in words. */
    public record Instruction(int code, int jt, int jf, int k, String text) {
    }

    private record Pending(int code, String jt, String jf, int k, String text) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    Bpf label(String name) {
        if (labels.put(name, pending.size()) != null) {
            throw new IllegalStateException("label " + name + " is defined twice");
        }
        return this;
    }

    Bpf load(int offset, String what) {
        pending.add(new Pending(LD_W_ABS, null, null, offset, "ld  " + what));
        return this;
    }

    Bpf and(int mask) {
        pending.add(new Pending(ALU_AND_K, null, null, mask, "and #0x" + Integer.toHexString(mask)));
        return this;
    }

    /** if A == k goto ifTrue else ifFalse; a null label means the next instruction. */
    Bpf jeq(int k, String ifTrue, String ifFalse, String what) {
        pending.add(new Pending(JMP_JEQ_K, ifTrue, ifFalse, k, "jeq " + what));
        return this;
    }

    Bpf jge(int k, String ifTrue, String ifFalse, String what) {
        pending.add(new Pending(JMP_JGE_K, ifTrue, ifFalse, k, "jge " + what));
        return this;
    }

    Bpf jset(int k, String ifTrue, String ifFalse, String what) {
        pending.add(new Pending(JMP_JSET_K, ifTrue, ifFalse, k, "jset " + what));
        return this;
    }

    Bpf jump(String target) {
        pending.add(new Pending(JMP_JA, target, null, 0, "ja"));
        return this;
    }

    Bpf ret(int action, String what) {
        pending.add(new Pending(RET_K, null, null, action, "ret " + what));
        return this;
    }

    /** Resolves the labels into relative offsets. */
    List<Instruction> assemble() {
        List<Instruction> out = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            if (p.code() == JMP_JA) {
                int offset = offset(i, p.jt());
                out.add(new Instruction(p.code(), 0, 0, offset, p.text() + " " + p.jt()));
            } else if (p.code() == JMP_JEQ_K || p.code() == JMP_JGE_K || p.code() == JMP_JSET_K) {
                int jt = offset(i, p.jt());
                int jf = offset(i, p.jf());
                if (jt > 255 || jf > 255) {
                    throw new IllegalStateException("a conditional jump at " + i + " is too long: " + jt + "/" + jf);
                }
                String targets = " ? " + (p.jt() == null ? "next" : p.jt()) + " : " + (p.jf() == null ? "next"
                        : p.jf());
                out.add(new Instruction(p.code(), jt, jf, p.k(), p.text() + targets));
            } else {
                out.add(new Instruction(p.code(), 0, 0, p.k(), p.text()));
            }
        }
        if (out.size() > 4096) {
            throw new IllegalStateException("a seccomp filter holds at most 4096 instructions");
        }
        return out;
    }

    private int offset(int from, String label) {
        if (label == null) {
            return 0;
        }
        Integer target = labels.get(label);
        if (target == null) {
            throw new IllegalStateException("label " + label + " is not defined");
        }
        if (target <= from) {
            throw new IllegalStateException("BPF jumps only forward: " + label + " is behind instruction " + from);
        }
        return target - from - 1;
    }

    /** The instructions as struct sock_filter[] in the machine's byte order (both supported ones are little-endian). */
    static byte[] encode(List<Instruction> program) {
        ByteBuffer buffer = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (Instruction i : program) {
            buffer.putShort((short) i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        }
        return buffer.array();
    }
}
