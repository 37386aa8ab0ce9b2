package dev.paddock.core.launch;

import dev.paddock.core.testing.Probe;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TCP port rules and IPC scopes on the real kernel, on 127.0.0.1 only. */
class NetworkAndScopeEnforcementTest {

    private static Sandbox.Builder base() {
        return Sandbox.builder().readExec("/usr");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void bindsOnlyTheAllowedPort() throws IOException {
        int allowed = freePort();
        int denied = freePort();
        Sandbox sandbox = base().bindTcp(allowed).build();
        assertEquals(List.of("ok", "EACCES"), Probe.run(sandbox, "bind:" + allowed, "bind:" + denied));
    }

    @Test
    void connectsOnlyToTheAllowedPort() throws IOException {
        try (ServerSocket allowed = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ServerSocket denied = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Sandbox sandbox = base().connectTcp(allowed.getLocalPort()).build();
            assertEquals(List.of("ok", "EACCES"), Probe.run(sandbox, "connect:" + allowed.getLocalPort(),
                    "connect:" + denied.getLocalPort()));
        }
    }

    @Test
    void bindRightsDoNotGrantConnectAndViceVersa() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            int other = freePort();
            Sandbox sandbox = base().bindTcp(other).connectTcp(port).build();
            assertEquals(List.of("EACCES", "EACCES"), Probe.run(sandbox, "bind:" + port, "connect:" + other));
        }
    }

    @Test
    void unrestrictedNetworkAllowsAnyPort() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Sandbox sandbox = base().unrestrictedNetwork(true).build();
            assertEquals(List.of("ok", "ok"), Probe.run(sandbox, "connect:" + server.getLocalPort(),
                    "bind:" + freePort()));
        }
    }

    @Test
    void theSignalScopeStopsTheChildFromSignallingTheJvm() {
        long jvm = ProcessHandle.current().pid();
        assertEquals("EPERM", Probe.one(base().build(), "kill:" + jvm));
        assertEquals("ok", Probe.one(base().unrestrictedScopes(true).build(), "kill:" + jvm));
    }

    @Test
    void theAbstractSocketScopeStopsConnectionsToSocketsOutside() throws Exception {
        String name = "paddock-test-" + UUID.randomUUID();
        Process listener = new ProcessBuilder(Probe.PYTHON, "-S", "-I", "-c",
                "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.bind('\\0'+sys.argv[1])\ns.listen(8)\n"
                        + "print('ready',flush=True)\nwhile True:\n  c,_=s.accept()\n  c.close()\n", name)
                .redirectErrorStream(true).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(listener.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("ready", reader.readLine());
            assertEquals("EPERM", Probe.one(base().build(), "abstract:" + name));
            assertEquals("ok", Probe.one(base().unrestrictedScopes(true).build(), "abstract:" + name));
        } finally {
            listener.destroyForcibly().waitFor();
        }
    }
}
