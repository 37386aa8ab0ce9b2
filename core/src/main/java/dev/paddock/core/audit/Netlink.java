package dev.paddock.core.audit;

import com.sun.jna.Memory;
import dev.paddock.core.sys.LibC;

import java.nio.charset.StandardCharsets;

/**
 * The kernel's audit netlink socket (NETLINK_AUDIT): joined to the read-only log group, which needs CAP_AUDIT_READ,
 * it receives every audit record the kernel emits; a request on it asks the audit status (CAP_AUDIT_CONTROL).
 */
final class Netlink {
    static final int AUDIT_GET = 1000;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_AUDIT = 9;
    private static final int AUDIT_NLGRP_READLOG_MASK = 1;
    private static final int NLMSG_ERROR = 2;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_ACK = 4;
    private static final int HEADER = 16;
    private static final short POLLIN = 1;

    private Netlink() {
    }

    /** A new audit socket, or minus the errno. */
    static int open() {
        int fd = LibC.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
        return fd < 0 ? -LibC.errno() : fd;
    }

    /** Joins the read-only log group: 0, or the errno (EPERM without CAP_AUDIT_READ). */
    static int joinLog(int fd) {
        try (Memory address = new Memory(12)) {
            address.clear();
            address.setShort(0, (short) AF_NETLINK);
            address.setInt(8, AUDIT_NLGRP_READLOG_MASK);
            return LibC.bind(fd, address, 12) == 0 ? 0 : LibC.errno();
        }
    }

    /**
     * Whether the kernel's audit is enabled (the {@code enabled} field of AUDIT_GET's struct audit_status): 1 or 0,
     * or minus the errno when the kernel refuses to say (EPERM without CAP_AUDIT_CONTROL, ECONNREFUSED outside the
     * initial pid namespace).
     */
    static int enabled() {
        return request(AUDIT_GET, new int[0], 4);
    }

    /**
     * Sends one audit request ({@code type} with {@code payload}, 32-bit words) and returns the 32-bit word at
     * {@code offset} in the reply of the same type, 0 for a bare acknowledgement, or minus the errno.
     */
    static int request(int type, int[] payload, int offset) {
        int fd = open();
        if (fd < 0) {
            return fd;
        }
        int length = HEADER + 4 * payload.length;
        try (Memory message = new Memory(length); Memory reply = new Memory(8192)) {
            message.clear();
            message.setInt(0, length);
            message.setShort(4, (short) type);
            message.setShort(6, (short) (NLM_F_REQUEST | NLM_F_ACK));
            message.setInt(8, 1);
            for (int i = 0; i < payload.length; i++) {
                message.setInt(HEADER + 4L * i, payload[i]);
            }
            if (LibC.send(fd, message, length, 0) != length) {
                return -LibC.errno();
            }
            for (int attempt = 0; attempt < 4; attempt++) {
                if (!ready(fd, 1000)) {
                    return -110; // ETIMEDOUT
                }
                long received = LibC.recv(fd, reply, 8192, 0);
                if (received < HEADER) {
                    return -LibC.errno();
                }
                int replyType = reply.getShort(4) & 0xffff;
                if (replyType == NLMSG_ERROR) {
                    int error = reply.getInt(HEADER);
                    if (error != 0 || type != AUDIT_GET) {
                        return error;
                    }
                } else if (replyType == type && received >= HEADER + offset + 4) {
                    return reply.getInt(HEADER + offset);
                }
            }
            return -71; // EPROTO: no answer among the replies
        } finally {
            LibC.close(fd);
        }
    }

    /** Whether a message waits on {@code fd} within {@code millis}. */
    static boolean ready(int fd, int millis) {
        try (Memory poll = new Memory(8)) {
            poll.setInt(0, fd);
            poll.setShort(4, POLLIN);
            poll.setShort(6, (short) 0);
            return LibC.poll(poll, 1, millis) > 0 && (poll.getShort(6) & POLLIN) != 0;
        }
    }

    /** One message: its type and text, or null when nothing could be read. */
    static Message receive(int fd, Memory buffer) {
        long length = LibC.recv(fd, buffer, buffer.size(), 0);
        if (length < HEADER) {
            return null;
        }
        int declared = Math.min(buffer.getInt(0), (int) length);
        int type = buffer.getShort(4) & 0xffff;
        int textLength = Math.max(0, declared - HEADER);
        byte[] text = buffer.getByteArray(HEADER, textLength);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new Message(type, new String(text, 0, end, StandardCharsets.UTF_8));
    }

    /** A netlink message: the audit record type and its text. */
    record Message(int type, String text) {
    }
}
