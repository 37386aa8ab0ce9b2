package dev.paddock.core.landlock;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of the kernel's Landlock structures, exactly as {@link Landlock} passes them: what the tests check byte by
 * byte for every ABI, and the one place their layout is written. Layouts checked against include/uapi/linux/landlock.h
 * and build_check_abi() in security/landlock/syscalls.c: landlock_ruleset_attr is six __u64 (48 bytes, passed with
 * the size the ABI knows, see {@link Abi#rulesetAttrSize}); landlock_path_beneath_attr is a __u64 and an __s32, packed
 * (12 bytes); landlock_net_port_attr is two __u64 (16 bytes). Host byte order.
 */
public final class LandlockStructs {
    /** sizeof(struct landlock_path_beneath_attr). */
    public static final int PATH_BENEATH_SIZE = 12;
    /** sizeof(struct landlock_net_port_attr). */
    public static final int NET_PORT_SIZE = 16;

    private LandlockStructs() {
    }

    /** landlock_ruleset_attr for a plan, as long as its ABI knows. */
    public static byte[] rulesetAttr(RulesetPlan plan) {
        return rulesetAttr(plan.abi(), plan.handledFs(), plan.handledNet(), plan.scoped(), plan.quietFs(),
                plan.quietNet(), plan.quietScoped());
    }

    /**
     * landlock_ruleset_attr with the size {@code abi} knows.
     *
     * @throws IllegalArgumentException if a value is set in a field the ABI does not have: it would be cut off
     */
    public static byte[] rulesetAttr(int abi, long handledFs, long handledNet, long scoped, long quietFs,
                                     long quietNet, long quietScoped) {
        long[] values = {handledFs, handledNet, scoped, quietFs, quietNet, quietScoped};
        ByteBuffer buffer = ByteBuffer.allocate(Abi.rulesetAttrSize(abi)).order(ByteOrder.nativeOrder());
        for (RulesetField field : RulesetField.values()) {
            long value = values[field.ordinal()];
            if (field.abi() <= abi) {
                buffer.putLong(field.offset(), value);
            } else if (value != 0) {
                throw new IllegalArgumentException(field.cName() + " needs " + Abi.describe(field.abi())
                        + ", not ABI " + abi);
            }
        }
        return buffer.array();
    }

    /** landlock_path_beneath_attr: the allowed rights and the O_PATH fd of the path. */
    public static byte[] pathBeneathAttr(long allowed, int parentFd) {
        return ByteBuffer.allocate(PATH_BENEATH_SIZE).order(ByteOrder.nativeOrder()).putLong(allowed)
                .putInt(parentFd).array();
    }

    /** landlock_net_port_attr: the allowed rights and the port, in host byte order. */
    public static byte[] netPortAttr(long allowed, long port) {
        return ByteBuffer.allocate(NET_PORT_SIZE).order(ByteOrder.nativeOrder()).putLong(allowed).putLong(port)
                .array();
    }
}
