package dev.paddock.core.interop;

import dev.paddock.core.interop.LandrunCommandLine.LogLevel;
import dev.paddock.core.interop.LandrunCommandLine.RunRequest;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Compatibility;
import dev.paddock.core.policy.EnvVar;
import dev.paddock.core.policy.PathRule;
import dev.paddock.core.policy.RightSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** landrun's flags, parsed as landrun parses them. */
class LandrunCommandLineTest {

    private static RunRequest parse(String... args) {
        return LandrunCommandLine.parse(List.of(args), null);
    }

    @Test
    void pathFlagsRepeatAndTakeCommaLists() {
        RunRequest request = parse("--ro", "/etc,/usr/share", "--rox=/usr", "-rw", "/tmp", "--unix", "/run/s", "ls");
        assertEquals(List.of(new PathRule("/etc", AccessMode.RO), new PathRule("/usr/share", AccessMode.RO),
                new PathRule("/usr", AccessMode.ROX), new PathRule("/tmp", AccessMode.RW),
                new PathRule("/run/s", RightSet.of(FsAccess.RESOLVE_UNIX))), request.policy().paths());
        assertEquals(List.of("ls"), request.policy().command());
    }

    @Test
    void portsEnvironmentAndSwitchesMapToThePolicy() {
        RunRequest request = parse("--bind-tcp", "8080,0", "--connect-tcp", "443", "--env", "HOME", "--env",
                "A=b=c", "--unrestricted-scoped", "--ldd", "--add-exec", "--ignore-missing",
                "--log-enable-subprocesses", "--log-level", "debug", "--", "cmd");
        assertEquals(List.of(0, 8080), List.copyOf(request.policy().bindTcp()));
        assertEquals(List.of(443), List.copyOf(request.policy().connectTcp()));
        assertEquals(List.of(EnvVar.pass("HOME"), EnvVar.set("A", "b=c")), request.policy().environment());
        assertTrue(request.policy().unrestrictedScopes());
        assertTrue(request.policy().ldd() && request.policy().addExec() && request.policy().ignoreMissing());
        assertEquals(java.util.Set.of(AuditFlag.LOG_NEW_EXEC_ON), request.policy().auditFlags());
        assertEquals(LogLevel.DEBUG, request.logLevel());
        assertEquals(Compatibility.BEST_EFFORT, request.policy().compatibility());
    }

    @Test
    void udpFlagsSitBesideTheTcpOnes() {
        RunRequest request = parse("--bind-udp", "5353,0", "--connect-udp", "53", "--connect-udp=123", "cmd");
        assertEquals(List.of(0, 5353), List.copyOf(request.policy().bindUdp()));
        assertEquals(List.of(53, 123), List.copyOf(request.policy().connectUdp()));
        assertEquals("--connect-udp 0 is out of range: use 1 to 65535",
                assertThrows(IllegalArgumentException.class, () -> parse("--connect-udp", "0", "ls")).getMessage());
        assertEquals("--bind-udp expects a port number, not \"dns\"",
                assertThrows(IllegalArgumentException.class, () -> parse("--bind-udp", "dns", "ls")).getMessage());
        assertTrue(LandrunCommandLine.flags().stream().anyMatch(f -> f.name().equals("connect-udp")
                && f.description().contains("ABI 10 (Linux 7.2)")));
    }

    @Test
    void abiPinsTheSandboxAndDefaultsToTheNewest() {
        assertEquals(11, parse("ls").policy().abi());
        assertEquals(false, parse("ls").abiGiven());
        RunRequest pinned = parse("--abi", "9", "ls");
        assertEquals(9, pinned.policy().abi());
        assertEquals(true, pinned.abiGiven());
        assertEquals("--abi expects a Landlock ABI from 1 to 11, not \"12\"",
                assertThrows(IllegalArgumentException.class, () -> parse("--abi", "12", "ls")).getMessage());
        assertEquals("--profile cannot be combined with --abi: edit the profile instead",
                assertThrows(IllegalArgumentException.class, () -> parse("--profile", "p.json", "--abi", "9"))
                        .getMessage());
    }

    @Test
    void parsingStopsAtTheCommandOrAtDoubleDash() {
        assertEquals(List.of("sh", "-c", "x", "--ro", "/"), parse("--rox", "/usr", "sh", "-c", "x", "--ro", "/")
                .policy().command());
        assertEquals(List.of("--weird-name", "--"), parse("--", "--weird-name", "--").policy().command());
    }

    @Test
    void theLogLevelComesFromTheEnvironmentUnlessGiven() {
        assertEquals(LogLevel.INFO, LandrunCommandLine.parse(List.of("ls"), "info").logLevel());
        assertEquals(LogLevel.ERROR, LandrunCommandLine.parse(List.of("--log-level", "error", "ls"), "debug")
                .logLevel());
    }

    @Test
    void badInputGetsOneSentenceNamingTheFlag() {
        assertEquals("unknown option --read-only (see: paddock run --help)",
                assertThrows(IllegalArgumentException.class, () -> parse("--read-only", "/", "ls")).getMessage());
        assertEquals("--ro needs a value: PATH",
                assertThrows(IllegalArgumentException.class, () -> parse("--ro")).getMessage());
        assertEquals("--bind-tcp 65536 is out of range: use 0 to 65535",
                assertThrows(IllegalArgumentException.class, () -> parse("--bind-tcp", "65536", "ls")).getMessage());
        assertEquals("no command was given: paddock run [FLAGS] [--] COMMAND [ARGS]",
                assertThrows(IllegalArgumentException.class, () -> parse("--ro", "/")).getMessage());
        assertEquals("--ldd takes no value",
                assertThrows(IllegalArgumentException.class, () -> parse("--ldd=yes", "ls")).getMessage());
        assertEquals("an empty path or port in \"/a,,/b\"",
                assertThrows(IllegalArgumentException.class, () -> parse("--ro", "/a,,/b", "ls")).getMessage());
        assertEquals("--strict and --best-effort contradict each other: choose one",
                assertThrows(IllegalArgumentException.class, () -> parse("--strict", "--best-effort", "ls"))
                        .getMessage());
    }
}
