package dev.paddock.core.trace;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.trace.ChildFiles.Resolved;
import dev.paddock.core.trace.ChildFiles.SocketKind;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static dev.paddock.core.trace.ChildFiles.AT_FDCWD;
import static dev.paddock.core.trace.Decoder.unchecked;
import static dev.paddock.core.trace.Decoder.unresolved;

/**
 * The socket calls of {@link Decoder}: connect, bind and sendto, by the address they name (a TCP or UDP port, a
 * pathname or abstract UNIX socket) and the kind of socket they are made on.
 */
final class SocketDecoder {
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;

    /** The socket calls. */
    enum Call { BIND, CONNECT, SEND }

    private final ChildFiles files;

    SocketDecoder(ChildFiles files) {
        this.files = files;
    }

    /** The access of a connect, bind or sendto with an address; null for one that reaches nothing. */
    Access decode(int tid, int fd, long address, int length, Call kind) {
        if (length < 2) {
            return null;
        }
        byte[] sockaddr = files.read(tid, address, Math.min(length, 110));
        if (sockaddr == null) {
            return null;
        }
        int family = (sockaddr[0] & 0xff) | (sockaddr[1] & 0xff) << 8;
        if (family == AF_UNIX) {
            return unix(tid, sockaddr, kind);
        }
        if (family != AF_INET && family != AF_INET6 || sockaddr.length < (family == AF_INET ? 8 : 24)) {
            return null;
        }
        int port = (sockaddr[2] & 0xff) << 8 | (sockaddr[3] & 0xff);
        String host = host(family == AF_INET ? slice(sockaddr, 4, 4) : slice(sockaddr, 8, 16));
        SocketKind socket = files.socketKind(tid, fd);
        if (socket.type() == SOCK_STREAM && socket.protocol() == IPPROTO_TCP) {
            return switch (kind) {
                case BIND -> new Access(Operation.BIND_TCP, host, null, port,
                        List.of(new Need.OnPort(NetAccess.BIND_TCP, port)));
                case CONNECT -> new Access(Operation.CONNECT_TCP, host, null, port,
                        List.of(new Need.OnPort(NetAccess.CONNECT_TCP, port)));
                case SEND -> null; // a connected socket ignores the address; Fast Open is refused by the filter
            };
        }
        if (socket.type() == SOCK_DGRAM && (socket.protocol() == IPPROTO_UDP || socket.protocol() == 0)) {
            return new Access(Operation.UDP, host, null, port, List.of(new Need.Unchecked("Landlock's network rules "
                    + "cover TCP only: UDP is not restricted (Paddock's --harden udp refuses UDP sockets)")));
        }
        return new Access(Operation.OTHER_SOCKET, host, null, port, List.of(new Need.Unchecked(socket.type() < 0
                ? "Paddock could not tell what kind of socket this is" : "not a TCP socket (protocol "
                + socket.protocol() + "): Landlock's TCP rules do not cover it")));
    }

    private Access unix(int tid, byte[] sockaddr, Call kind) {
        if (sockaddr.length <= 2) {
            return null; // unnamed, or autobind
        }
        if (sockaddr[2] == 0) {
            String name = "@" + new String(sockaddr, 3, sockaddr.length - 3, StandardCharsets.UTF_8)
                    .replace('\0', '@');
            if (kind == Call.BIND) {
                return null;
            }
            return new Access(Operation.CONNECT_ABSTRACT, name, null, -1, List.of(new Need.Scoped(
                    Scope.ABSTRACT_UNIX_SOCKET, "allowed only if the socket was created inside this sandbox, which "
                    + "the trace cannot see")));
        }
        int end = 2;
        while (end < sockaddr.length && sockaddr[end] != 0) {
            end++;
        }
        String raw = new String(sockaddr, 2, end - 2, StandardCharsets.UTF_8);
        if (kind == Call.BIND) {
            Resolved r = files.resolve(tid, AT_FDCWD, raw, false, false);
            if (r == null) {
                return unresolved(Operation.BIND_UNIX, raw);
            }
            if (r.type().exists() || !r.parentExists()) {
                return unchecked(Operation.BIND_UNIX, r.path(), r.type().exists()
                        ? "it exists: the call fails with EADDRINUSE" : "its directory does not exist: ENOENT");
            }
            return new Access(Operation.BIND_UNIX, r.path(), null, -1, List.of(new Need.OnPath(
                    AccessModel.parent(r.path()), true, Set.of(FsAccess.MAKE_SOCK), Need.Role.PARENT)));
        }
        Resolved r = files.resolve(tid, AT_FDCWD, raw, true, false);
        if (r == null) {
            return unresolved(Operation.CONNECT_UNIX, raw);
        }
        if (!r.type().exists()) {
            return unchecked(Operation.CONNECT_UNIX, r.path(), "it does not exist: the call fails with ENOENT");
        }
        return new Access(Operation.CONNECT_UNIX, r.path(), null, -1, List.of(new Need.OnPath(r.path(), false,
                Set.of(FsAccess.RESOLVE_UNIX), Need.Role.OBJECT)));
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }

    private static String host(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
